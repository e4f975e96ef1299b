import type { NodeOfType } from '../graph-schema';
import { indexGraph } from '../graph-index';
import { branch, type NodeHandler } from '../executor/node-outcome';
import type { LlmMessage, LlmToolDefinition } from '../runtime-types';
import { renderTemplate } from '../templates';

/**
 * Asks a language model. The request is an effect the server performs (streaming tokens to the
 * visitor when the node streams); the node resumes with the reply, or takes `error` on a
 * timeout, a provider error, a refusal or a token limit.
 */
export const llmNode: NodeHandler<NodeOfType<'llm'>> = {
  enter(node, run) {
    const limit = run.graph.settings.maxLlmTokensPerConversation;
    if ((run.state.llmTokens ?? 0) >= limit) {
      run.log(node.id, 'error', `This conversation has used its model budget (${limit} tokens); no further model calls are made`, {
        used: run.state.llmTokens ?? 0,
        limit,
      });
      return branch('error');
    }
    const view = run.view();
    const { data } = node;
    const messages: LlmMessage[] = [];
    const system = renderTemplate(data.systemPrompt, view);
    if (system) messages.push({ role: 'system', content: system });
    // History is everything before this turn: the visitor's latest message reaches the model
    // through the prompt ({{lastUserMessage}}), not twice.
    const history = data.historyWindow > 0 ? run.state.history.slice(-data.historyWindow - 1) : [];
    const latest = history.at(-1);
    if (latest?.role === 'user' && latest.text === run.state.lastUserMessage) history.pop();
    if (history.length > data.historyWindow) history.shift();
    for (const entry of history) messages.push({ role: entry.role === 'bot' ? 'assistant' : 'user', content: entry.text });
    messages.push({ role: 'user', content: renderTemplate(data.prompt, view) });

    const index = indexGraph(run.graph);
    const tools: LlmToolDefinition[] = [];
    for (const toolId of data.tools) {
      const tool = index.nodes.get(toolId);
      if (tool?.type !== 'tool') continue;
      tools.push({
        nodeId: tool.id,
        name: tool.data.name,
        description: tool.data.description,
        parameters: tool.data.parameters ?? { type: 'object', properties: {} },
      });
    }
    const effect = {
      id: run.newEffectId(),
      type: 'llm' as const,
      nodeId: node.id,
      stream: data.output === 'stream',
      model: data.model,
      messages,
      temperature: data.temperature,
      maxTokens: data.maxTokens,
      ...(data.jsonSchema ? { jsonSchema: data.jsonSchema } : {}),
      tools,
      maxToolRounds: data.maxToolRounds,
      timeoutMs: data.timeoutMs,
      provider: run.graph.settings.llm,
    };
    run.log(node.id, 'effect', `Calling ${data.model}${tools.length ? ` with ${tools.length} tool(s)` : ''}`, {
      effectId: effect.id,
      model: data.model,
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
    });
    return { kind: 'waitEffect', effect };
  },

  resumeWithEffect(node, run, result) {
    if (result.kind !== 'llm') {
      const message = result.kind === 'http' ? 'unexpected result' : result.message;
      run.log(node.id, 'error', `Model call failed: ${message}`, {
        kind: result.kind,
        ...(result.kind === 'error' ? { code: result.code } : {}),
        // How long the failed call took, for the test chat's debug view.
        ...(result.kind === 'error' && result.latencyMs !== undefined ? { latencyMs: result.latencyMs } : {}),
      });
      return branch('error');
    }
    run.state.llmTokens = (run.state.llmTokens ?? 0) + result.usage.promptTokens + result.usage.completionTokens;
    run.log(node.id, 'effect', `Model replied (${result.usage.promptTokens}+${result.usage.completionTokens} tokens, ${result.latencyMs} ms)`, {
      usage: { ...result.usage },
      latencyMs: result.latencyMs,
      toolCalls: result.toolCalls.map((call) => ({ ...call })),
    });
    if (node.data.output === 'stream') {
      run.say(node.id, result.text, undefined, { streamed: true, effectId: run.state.pendingEffect?.id });
    }
    if (node.data.saveAs) run.setVariable(node.id, node.data.saveAs, result.json ?? result.text);
    return branch('next');
  },
};
