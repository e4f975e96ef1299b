import { io, type Socket } from 'socket.io-client';
import type { ChatClientEvents, ChatServerEvents, ChatStatus, StartedChat, WidgetConfig } from '../lib/chat/chat-events';
import type { ChatMessage } from '../lib/chat/chat-message';
import type { WidgetTheme } from '../lib/widget/widget-theme';
import {
  applyStreamDelta,
  forgetConversation,
  initialWidgetState,
  isFinalSendError,
  lastSeq,
  mergeMessages,
  parseStoredSession,
  pendingOutbox,
  queueMessage,
  randomId,
  settleOutbox,
  type OutboxItem,
  type WidgetSession,
  type WidgetState,
} from '../lib/widget/widget-state';
import { AGENT_TYPING_MS, handoffNotice, messageAuthor, shouldSignalTyping, TYPING_IDLE_MS } from '../lib/widget/handoff-view';
import { renderMarkdown } from './render-markdown';
import { WIDGET_CSS } from './widget-styles';

/**
 * The chat widget a website loads with one tag:
 *   <script src="https://<app>/widget.js" data-bot="<public id>" async></script>
 * Options: data-mode="bubble" (default) | "popup" | "inline", data-container="#id" (inline).
 * It draws itself in a shadow root, talks to the app's `/chat` socket.io namespace, keeps the
 * conversation in localStorage, and exposes `window.Flowboard`.
 */
type Mode = 'bubble' | 'popup' | 'inline';
type WidgetEvent = 'open' | 'close' | 'message' | 'handoff';
type Listener = (detail?: unknown) => void;
type Ack<T> = { data: T; error?: undefined } | { data?: undefined; error: { code: string; message: string } };

export interface FlowboardApi {
  open(): void;
  close(): void;
  toggle(): void;
  sendMessage(text: string): void;
  setVariables(variables: Record<string, string | number | boolean | null>): void;
  on(event: WidgetEvent, listener: Listener): void;
  off(event: WidgetEvent, listener: Listener): void;
}

const DEFAULT_THEME: WidgetTheme = {
  title: 'Chat with us',
  accentColour: '#2563eb',
  accentTextColour: '#ffffff',
  avatarUrl: '',
  greeting: '',
  launcherText: '',
  position: 'right',
  rating: 'thumbs',
};
const ICON_CHAT = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
const ICON_CLOSE = '<svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M18 6 6 18M6 6l12 12"/></svg>';
const ICON_SEND = '<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="m22 2-7 20-4-9-9-4Z"/><path d="M22 2 11 13"/></svg>';
const DOTS = '<span class="dot"></span><span class="dot"></span><span class="dot"></span>';
/** Longest the typing indicator shows when no answer comes. */
const WAITING_MS = 30_000;
/** Wait before sending again a message the server did not confirm. */
const RETRY_MS = 4_000;

function boot() {
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-bot][src*="widget"]');
  const botId = script?.dataset.bot;
  if (!script || !botId) {
    console.error('Flowboard widget: add data-bot="<public id>" to the script tag.');
    return;
  }
  const appOrigin = new URL(script.src, location.href).origin;
  const mode: Mode = script.dataset.mode === 'popup' || script.dataset.mode === 'inline' ? script.dataset.mode : 'bubble';
  const containerSelector = script.dataset.container;
  const container = mode === 'inline' && containerSelector ? document.querySelector<HTMLElement>(containerSelector) : null;
  if (mode === 'inline' && !container) {
    console.error(`Flowboard widget: no element matches data-container="${containerSelector ?? ''}".`);
    return;
  }
  const api = createWidget({ botId, appOrigin, mode, container });
  const win = window as unknown as { Flowboard?: FlowboardApi };
  win.Flowboard = api;
  window.dispatchEvent(new CustomEvent('flowboard:ready'));
}

function createWidget(options: { botId: string; appOrigin: string; mode: Mode; container: HTMLElement | null }): FlowboardApi {
  const { botId, appOrigin, mode } = options;
  const storageKey = `flowboard:${appOrigin}:${botId}`;
  let session: WidgetSession = parseStoredSession(readStorage(storageKey));
  let state: WidgetState = initialWidgetState();
  let theme = DEFAULT_THEME;
  let isOpen = mode === 'inline';
  let variables: Record<string, string | number | boolean | null> = {};
  let fatal = '';
  let notice = '';
  let connected = false;
  let starting: Promise<void> | null = null;
  let flushing = false;
  let waitingTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  // Handoff: the agent typing now ('' none), when the visitor's typing last went out (0 none),
  // and whether the bot took the conversation back on this page.
  let agentTyping = '';
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingSentAt = 0;
  let typingIdleTimer: ReturnType<typeof setTimeout> | undefined;
  let returned = false;
  const listeners = new Map<WidgetEvent, Set<Listener>>();
  const announced = new Set<string>();

  // ---- DOM (shadow root) ----
  const host = document.createElement('div');
  host.setAttribute('data-flowboard-widget', botId);
  const root = host.attachShadow({ mode: 'open' });
  const wrapper = el('div', `fb ${mode}`);
  const style = document.createElement('style');
  style.textContent = WIDGET_CSS;
  root.append(style, wrapper);

  const launcher = el('button', 'launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  const launcherLabel = el('span');
  const backdrop = el('div', 'backdrop');
  backdrop.hidden = true;
  backdrop.addEventListener('click', () => setOpen(false));

  const panel = el('section', 'panel');
  const panelId = `fb-panel-${botId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  panel.id = panelId;
  launcher.setAttribute('aria-controls', panelId);
  const header = el('header');
  const avatar = el('img');
  avatar.alt = '';
  const title = el('h2');
  title.id = `${panelId}-title`;
  panel.setAttribute('aria-labelledby', title.id);
  const closeButton = el('button', 'icon');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', 'Close chat');
  closeButton.innerHTML = ICON_CLOSE;
  closeButton.addEventListener('click', () => setOpen(false));
  header.append(avatar, title);
  if (mode !== 'inline') header.append(closeButton);

  const noticeBox = el('p', 'notice');
  noticeBox.setAttribute('role', 'status');
  const errorBox = el('p', 'notice error');
  errorBox.setAttribute('role', 'alert');
  // Where a handoff stands. Always in the page (empty collapses) so screen readers hear changes.
  const handoffBox = el('p', 'notice info');
  handoffBox.setAttribute('aria-live', 'polite');
  const log = el('div', 'log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-label', 'Conversation');
  log.tabIndex = 0;
  const intro = el('p', 'intro');
  const typing = el('div', 'typing');
  typing.innerHTML = DOTS;
  const typingLabel = el('span', 'sr');
  typingLabel.textContent = 'The bot is typing';
  typing.append(typingLabel);
  const agentTypingBox = el('div', 'typing agent');
  agentTypingBox.innerHTML = DOTS;
  const agentTypingLabel = el('span');
  agentTypingBox.append(agentTypingLabel);
  const rateBox = el('div', 'rate');
  const form = el('form');
  const inputId = `${panelId}-input`;
  const inputLabel = el('label', 'sr');
  inputLabel.htmlFor = inputId;
  inputLabel.textContent = 'Message';
  const input = el('input');
  input.id = inputId;
  input.type = 'text';
  input.autocomplete = 'off';
  input.maxLength = 2000;
  input.placeholder = 'Type a message…';
  const sendButton = el('button');
  sendButton.type = 'submit';
  sendButton.setAttribute('aria-label', 'Send message');
  sendButton.innerHTML = ICON_SEND;
  form.append(inputLabel, input, sendButton);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    stopTyping();
    send(text);
  });
  input.addEventListener('input', signalTyping);
  panel.append(header, noticeBox, errorBox, handoffBox, log, rateBox, form);
  if (mode === 'popup') {
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
  } else if (mode === 'bubble') {
    panel.setAttribute('role', 'dialog');
  } else {
    panel.setAttribute('role', 'region');
  }
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && mode !== 'inline') {
      event.stopPropagation();
      setOpen(false);
    }
    // The popup is modal: Tab cycles inside it.
    if (event.key === 'Tab' && mode === 'popup') {
      const focusable = [...panel.querySelectorAll<HTMLElement>('button:not(:disabled),input:not(:disabled),a[href],[tabindex="0"]')];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && root.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && root.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  });

  if (mode === 'bubble') wrapper.append(launcher);
  if (mode === 'popup') wrapper.append(backdrop);
  wrapper.append(panel);
  launcher.innerHTML = ICON_CHAT;
  launcher.append(launcherLabel);
  launcher.addEventListener('click', () => setOpen(!isOpen));
  (options.container ?? document.body).append(host);

  // ---- socket ----
  const socket: Socket<ChatServerEvents, ChatClientEvents> = io(`${appOrigin}/chat`, {
    auth: { botId },
    // WebSocket only: the long-polling fallback would need CORS on the app for every site.
    transports: ['websocket'],
    reconnectionDelayMax: 10_000,
  });
  socket.on('chat:config', (config: WidgetConfig) => {
    theme = config.theme;
    render();
  });
  socket.on('connect', () => {
    connected = true;
    notice = '';
    fatal = '';
    render();
    void resume();
  });
  socket.on('disconnect', () => {
    connected = false;
    notice = 'Connection lost. Reconnecting… Messages you type will be sent when it is back.';
    render();
  });
  socket.on('connect_error', (error) => {
    connected = false;
    // A refusal by the server (origin not allowed, unknown bot) is final; a network error retries.
    if (!socket.active) fatal = error.message || 'The chat is not available on this website.';
    else notice = 'Cannot reach the chat. Trying again…';
    render();
  });
  socket.on('chat:message', ({ conversationId, message }) => {
    if (conversationId !== session.conversationId) return;
    receive([message]);
  });
  socket.on('chat:token', ({ conversationId, streamId, delta }) => {
    if (conversationId !== session.conversationId) return;
    state = applyStreamDelta(state, streamId, delta);
    render();
  });
  socket.on('chat:status', ({ conversationId, status }) => {
    if (conversationId !== session.conversationId) return;
    setStatus(status);
  });
  socket.on('chat:typing', ({ conversationId, author, name, typing: on }) => {
    if (conversationId !== session.conversationId || author !== 'agent') return;
    clearTimeout(agentTypingTimer);
    agentTyping = on ? name || 'Agent' : '';
    // A lost "stopped" must not leave the indicator on for good.
    if (on) agentTypingTimer = setTimeout(() => setAgentTyping(''), AGENT_TYPING_MS);
    render();
  });

  function emit<T>(event: keyof ChatClientEvents, payload: unknown): Promise<Ack<T>> {
    return new Promise((resolve) => {
      (socket.timeout(15_000).emit as (e: string, p: unknown, cb: (err: Error | null, reply: Ack<T>) => void) => void)(event, payload, (err, reply) => {
        resolve(err ? { error: { code: 'INTERNAL_SERVER_ERROR', message: 'No answer from the chat. Trying again…' } } : reply);
      });
    });
  }

  async function resume() {
    if (!session.conversationId || !session.token) {
      if (isOpen) await ensureConversation();
      return;
    }
    const reply = await emit<{ messages: ChatMessage[]; status: ChatStatus }>('chat:resume', { conversationId: session.conversationId, token: session.token, afterSeq: lastSeq(state) });
    if (reply.error) {
      if (reply.error.code === 'NOT_FOUND') {
        const outbox = session.outbox;
        session = { ...forgetConversation(session), outbox };
        state = initialWidgetState();
        save();
        if (isOpen || outbox.length) await ensureConversation();
      }
      return;
    }
    receive(reply.data.messages);
    setStatus(reply.data.status);
    await flush();
  }

  function ensureConversation(): Promise<void> {
    if (session.conversationId || fatal) return Promise.resolve();
    if (!connected) return Promise.resolve();
    starting ??= (async () => {
      const reply = await emit<StartedChat>('chat:start', { visitorId: session.visitorId, variables });
      if (reply.error) {
        errorBox.textContent = reply.error.message;
        render();
        return;
      }
      const { conversationId, token, visitorId, messages } = reply.data;
      session = { ...session, conversationId, token, visitorId, rated: false };
      save();
      state = { ...initialWidgetState(), waiting: true };
      receive(messages);
      await flush();
    })().finally(() => {
      starting = null;
    });
    return starting;
  }

  function send(text: string, payload?: string) {
    if (fatal) return;
    if (state.status === 'ended') return;
    errorBox.textContent = '';
    const item: OutboxItem = { clientMessageId: randomId('cm_'), text: text.slice(0, 2000), createdAt: new Date().toISOString(), ...(payload ? { payload } : {}) };
    session = queueMessage(session, item);
    save();
    render();
    if (session.conversationId) void flush();
    else void ensureConversation();
  }

  /** Sends the outbox in order, one at a time; stops at the first message that needs a retry. */
  async function flush() {
    if (flushing || !connected || !session.conversationId || !session.token) return;
    flushing = true;
    let retrying = false;
    try {
      for (const item of pendingOutbox(session, state)) {
        // During a handoff a person answers: no bot typing dots.
        setWaiting(state.status !== 'handoff');
        const { clientMessageId, text, payload } = item;
        const reply = await emit<{ messages: ChatMessage[] }>('chat:send', { conversationId: session.conversationId, token: session.token, clientMessageId, text, payload });
        if (reply.error && !isFinalSendError(reply.error.code)) {
          // No answer or a failure on the server's side: keep it and try again shortly (the
          // server answers a repeated clientMessageId without running it twice).
          setWaiting(false);
          clearTimeout(retryTimer);
          retryTimer = setTimeout(() => void flush(), RETRY_MS);
          retrying = true;
          break;
        }
        session = settleOutbox(session, item.clientMessageId);
        save();
        if (reply.error) {
          setWaiting(false);
          errorBox.textContent = reply.error.message;
          if (reply.error.code === 'NOT_FOUND') {
            // The conversation is gone (expired): the rest of the outbox goes nowhere either.
            session = forgetConversation(session);
            save();
            render();
            break;
          }
        } else receive(reply.data.messages);
        render();
      }
    } finally {
      flushing = false;
      // Typed while this flush was running: send it too.
      if (!retrying && connected && pendingOutbox(session, state).length) void flush();
    }
  }

  function receive(messages: ChatMessage[]) {
    state = mergeMessages(state, messages);
    if (messages.some((message) => message.author === 'agent')) setAgentTyping('');
    for (const message of messages) {
      if (announced.has(message.id)) continue;
      announced.add(message.id);
      fire('message', message);
    }
    if (!state.waiting) clearTimeout(waitingTimer);
    render();
  }

  function setWaiting(waiting: boolean) {
    state = { ...state, waiting };
    clearTimeout(waitingTimer);
    if (waiting) {
      waitingTimer = setTimeout(() => {
        state = { ...state, waiting: false };
        render();
      }, WAITING_MS);
    }
    render();
  }

  function setStatus(status: ChatStatus) {
    if (status === state.status) return;
    returned = state.status === 'handoff' && status === 'active';
    state = { ...state, status, waiting: status === 'active' ? state.waiting : false };
    if (status !== 'handoff') {
      setAgentTyping('');
      stopTyping();
    }
    if (status === 'handoff') fire('handoff', { conversationId: session.conversationId });
    render();
  }

  function setAgentTyping(name: string) {
    clearTimeout(agentTypingTimer);
    agentTyping = name;
    render();
  }

  /** Tells the agent the visitor is typing (handoff only; throttled), and when they stop. */
  function signalTyping() {
    if (state.status !== 'handoff' || !connected || !session.conversationId || !session.token) return;
    clearTimeout(typingIdleTimer);
    typingIdleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
    const now = Date.now();
    if (!shouldSignalTyping(typingSentAt, now)) return;
    typingSentAt = now;
    socket.emit('chat:typing', { conversationId: session.conversationId, token: session.token, typing: true });
  }

  function stopTyping() {
    clearTimeout(typingIdleTimer);
    if (!typingSentAt) return;
    typingSentAt = 0;
    if (connected && session.conversationId && session.token) socket.emit('chat:typing', { conversationId: session.conversationId, token: session.token, typing: false });
  }

  async function rate(rating: number) {
    if (!session.conversationId || !session.token || session.rated) return;
    const reply = await emit<{ rating: number }>('chat:rate', { conversationId: session.conversationId, token: session.token, rating });
    if (reply.error && reply.error.code !== 'CONFLICT') {
      errorBox.textContent = reply.error.message;
      render();
      return;
    }
    session = { ...session, rated: true };
    save();
    render();
    rateBox.querySelector<HTMLElement>('p')?.focus();
  }

  function startAgain() {
    session = forgetConversation(session);
    state = initialWidgetState();
    returned = false;
    announced.clear();
    save();
    render();
    void ensureConversation();
    input.focus();
  }

  function setOpen(open: boolean) {
    if (mode === 'inline' || open === isOpen) return;
    isOpen = open;
    render();
    fire(open ? 'open' : 'close');
    if (open) {
      void ensureConversation();
      input.focus();
    } else if (mode === 'bubble') launcher.focus();
  }

  function fire(event: WidgetEvent, detail?: unknown) {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(detail);
      } catch (error) {
        console.error(error);
      }
    }
  }

  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(session));
    } catch {
      // Storage blocked (private mode, sandboxed frame): the chat still works for this page.
    }
  }

  // ---- rendering ----
  const rendered = new Map<string, HTMLElement>();

  function render() {
    wrapper.className = `fb ${mode} ${theme.position === 'left' ? 'left' : ''}`;
    host.style.setProperty('--fb-accent', theme.accentColour);
    host.style.setProperty('--fb-on-accent', theme.accentTextColour);
    title.textContent = theme.title;
    avatar.hidden = !theme.avatarUrl;
    if (theme.avatarUrl && avatar.getAttribute('src') !== theme.avatarUrl) avatar.src = theme.avatarUrl;
    launcherLabel.textContent = theme.launcherText;
    launcher.setAttribute('aria-label', isOpen ? `Close ${theme.title}` : `Open ${theme.title}`);
    launcher.setAttribute('aria-expanded', String(isOpen));
    panel.hidden = !isOpen;
    backdrop.hidden = !(mode === 'popup' && isOpen);
    intro.textContent = theme.greeting;
    intro.hidden = !theme.greeting;

    noticeBox.textContent = fatal ? '' : notice;
    noticeBox.hidden = !noticeBox.textContent;
    if (fatal) errorBox.textContent = fatal;
    errorBox.hidden = !errorBox.textContent;
    const ended = state.status === 'ended';
    input.disabled = !!fatal || ended;
    sendButton.disabled = !!fatal || ended;
    const handoffText = handoffNotice(state.status, state.messages, returned);
    if (handoffBox.textContent !== handoffText) handoffBox.textContent = handoffText;
    input.placeholder = ended ? 'This conversation has ended' : state.status === 'handoff' ? 'A person will answer here…' : 'Type a message…';
    renderLog();
    renderRating(ended);
  }

  function renderLog() {
    const wanted: HTMLElement[] = [intro];
    const last = state.messages[state.messages.length - 1];
    for (const message of state.messages) {
      const showReplies = message === last && message.author !== 'user' && state.status !== 'ended' && !session.outbox.length;
      const key = `m:${message.id}:${showReplies ? 'r' : ''}`;
      wanted.push(cached(key, () => messageElement(message, showReplies ? message.quickReplies : undefined)));
    }
    for (const item of pendingOutbox(session, state)) {
      wanted.push(cached(`o:${item.clientMessageId}:${connected ? 1 : 0}`, () => messageElement({ author: 'user', text: item.text, createdAt: item.createdAt }, undefined, connected ? 'Sending…' : 'Waiting for connection')));
    }
    for (const [streamId, text] of Object.entries(state.streams)) {
      const element = cached(`s:${streamId}`, () => messageElement({ author: 'bot', text: '', createdAt: new Date().toISOString() }));
      const body = element.querySelector('.body')!;
      body.replaceChildren(renderMarkdown(text));
      element.setAttribute('aria-busy', 'true');
      wanted.push(element);
    }
    if (state.waiting && !Object.keys(state.streams).length) wanted.push(typing);
    if (agentTyping) {
      agentTypingLabel.textContent = `${agentTyping} is typing…`;
      wanted.push(agentTypingBox);
    }
    const keep = new Set(wanted);
    for (const [key, element] of rendered) {
      if (!keep.has(element)) {
        element.remove();
        rendered.delete(key);
      }
    }
    if (!keep.has(typing)) typing.remove();
    if (!keep.has(agentTypingBox)) agentTypingBox.remove();
    let changed = false;
    wanted.forEach((element, index) => {
      if (log.children[index] !== element) {
        log.insertBefore(element, log.children[index] ?? null);
        changed = true;
      }
    });
    if (changed || Object.keys(state.streams).length) log.scrollTop = log.scrollHeight;
  }

  function cached(key: string, build: () => HTMLElement): HTMLElement {
    let element = rendered.get(key);
    if (!element) {
      element = build();
      rendered.set(key, element);
    }
    return element;
  }

  function messageElement(message: Pick<ChatMessage, 'author' | 'authorName' | 'text' | 'createdAt'>, quickReplies?: ChatMessage['quickReplies'], pending?: string): HTMLElement {
    const { author, text, createdAt } = message;
    const item = el('div', `msg ${author}${pending ? ' pending' : ''}`);
    const { name, spoken } = messageAuthor(message, theme.title);
    const who = el('span', 'sr');
    who.textContent = spoken;
    const body = el('div', 'body');
    // Only the bot's text (the designer's, a tool's, a model's) gets the safe markdown subset;
    // people's text (visitor, agent) and system lines show exactly as typed.
    if (author === 'bot') body.append(renderMarkdown(text));
    else body.textContent = text;
    if (name) {
      // Printed for sighted visitors; screen readers already heard "<name> said:".
      const label = el('span', 'who');
      label.setAttribute('aria-hidden', 'true');
      label.textContent = name;
      item.append(label);
    }
    item.append(who, body);
    if (author === 'system') return item;
    const meta = el('span', 'meta');
    if (pending) meta.textContent = pending;
    else {
      const time = el('time');
      time.dateTime = createdAt;
      time.textContent = new Date(createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      meta.append(time);
    }
    item.append(meta);
    if (quickReplies?.length) {
      const group = el('div', 'replies');
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', 'Suggested replies');
      for (const reply of quickReplies) {
        const button = el('button');
        button.type = 'button';
        button.textContent = reply.label;
        button.addEventListener('click', () => send(reply.label, reply.payload));
        group.append(button);
      }
      item.append(group);
    }
    return item;
  }

  function renderRating(ended: boolean) {
    rateBox.hidden = !ended || !session.conversationId;
    if (rateBox.hidden) {
      rateBox.replaceChildren();
      return;
    }
    const key = `${session.rated ? 'done' : 'ask'}:${theme.rating}`;
    if (rateBox.dataset.key === key) return;
    rateBox.dataset.key = key;
    const prompt = el('p');
    prompt.tabIndex = -1;
    const again = el('button', 'again');
    again.type = 'button';
    again.textContent = 'Start a new conversation';
    again.addEventListener('click', startAgain);
    if (session.rated) {
      prompt.textContent = 'Thank you for your feedback!';
      rateBox.replaceChildren(prompt, again);
      return;
    }
    prompt.id = `${panelId}-rate`;
    prompt.textContent = 'How was this conversation?';
    const choices = el('div', 'choices');
    choices.setAttribute('role', 'group');
    choices.setAttribute('aria-labelledby', prompt.id);
    const options: [number, string, string][] =
      theme.rating === 'stars'
        ? [1, 2, 3, 4, 5].map((n) => [n, String(n), `${n} out of 5`])
        : [
            [5, '👍', 'Good'],
            [1, '👎', 'Bad'],
          ];
    for (const [value, label, name] of options) {
      const button = el('button');
      button.type = 'button';
      button.textContent = label;
      button.setAttribute('aria-label', name);
      button.addEventListener('click', () => void rate(value));
      choices.append(button);
    }
    rateBox.replaceChildren(prompt, choices, again);
  }

  render();
  // Keep the conversation in step when another tab of the same site uses it.
  window.addEventListener('storage', (event) => {
    if (event.key !== storageKey) return;
    const next = parseStoredSession(event.newValue);
    if (next.conversationId !== session.conversationId) {
      session = next;
      state = initialWidgetState();
      returned = false;
      setAgentTyping('');
      if (connected) void resume();
    }
  });
  // Back online: reconnect now rather than at the end of the current back-off wait.
  window.addEventListener('online', () => {
    if (connected || fatal) return;
    socket.disconnect();
    socket.connect();
  });

  return {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!isOpen),
    sendMessage: (text: string) => {
      if (typeof text === 'string' && text.trim()) send(text.trim());
    },
    setVariables: (next) => {
      // Checked again by the server (names, types, sizes); only plain values are kept here.
      for (const [name, value] of Object.entries(next ?? {})) {
        if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) variables[name] = value;
      }
    },
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    off: (event, listener) => {
      listeners.get(event)?.delete(listener);
    },
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  return element;
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

boot();
