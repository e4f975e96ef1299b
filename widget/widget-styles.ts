/**
 * The widget's styles, inside its shadow root: the host page's CSS cannot reach in and ours
 * cannot leak out. Colours come from the bot's theme through custom properties.
 */
export const WIDGET_CSS = `
:host{all:initial;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;--fb-accent:#2563eb;--fb-on-accent:#fff}
*{box-sizing:border-box}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
button,input{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;min-height:56px;min-width:56px;padding:0 16px;border:0;border-radius:28px;background:var(--fb-accent);color:var(--fb-on-accent);box-shadow:0 6px 24px rgba(0,0,0,.25)}
.left .launcher{right:auto;left:20px}
.launcher svg{width:26px;height:26px;flex:none}
.panel{display:flex;flex-direction:column;background:#fff;overflow:hidden}
.bubble .panel,.popup .panel{position:fixed;z-index:2147483001;border-radius:16px;box-shadow:0 12px 48px rgba(0,0,0,.3)}
.bubble .panel{bottom:88px;right:20px;width:min(380px,calc(100vw - 24px));height:min(600px,calc(100vh - 110px))}
.left .panel{right:auto;left:20px}
.popup .panel{top:50%;left:50%;transform:translate(-50%,-50%);width:min(440px,calc(100vw - 24px));height:min(640px,calc(100vh - 24px))}
.popup .backdrop{position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.4)}
.inline .panel{width:100%;height:100%;min-height:420px;border:1px solid #d1d5db;border-radius:12px}
[hidden]{display:none!important}
header{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--fb-accent);color:var(--fb-on-accent)}
header img{width:36px;height:36px;border-radius:50%;object-fit:cover;background:#fff}
header h2{flex:1;margin:0;font-size:16px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.icon{display:grid;place-items:center;width:40px;height:40px;border:0;border-radius:8px;background:transparent;color:inherit}
.icon:hover{background:rgba(0,0,0,.12)}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:10px;background:#f9fafb}
.intro{margin:0;color:#374151;font-size:14px;text-align:center}
.msg{max-width:85%;display:flex;flex-direction:column;gap:2px}
.msg.user{align-self:flex-end;align-items:flex-end}
.body{padding:8px 12px;border-radius:14px;background:#fff;border:1px solid #e5e7eb;overflow-wrap:anywhere;white-space:pre-wrap}
.user .body{background:var(--fb-accent);color:var(--fb-on-accent);border-color:transparent}
.msg.agent .body{background:#ecfdf5;border-color:#6ee7b7}
.who{font-size:12px;font-weight:600;color:#065f46}
.msg.system{align-self:center;max-width:100%;text-align:center}
.system .body{padding:0;border:0;background:none;color:#4b5563;font-size:13px;font-style:italic}
.body p{margin:0 0 6px}.body p:last-child{margin:0}
.body ul,.body ol{margin:4px 0;padding-left:20px;white-space:normal}
.body a{color:#1d4ed8;text-decoration:underline}
.user .body a{color:inherit}
.body code{font-family:ui-monospace,monospace;font-size:13px;background:rgba(0,0,0,.06);padding:0 3px;border-radius:4px}
.meta{font-size:12px;color:#4b5563}
.pending .meta{font-style:italic}
.replies{display:flex;flex-wrap:wrap;gap:6px;margin-top:4px}
.replies button{min-height:36px;padding:6px 12px;border:1.5px solid var(--fb-accent);border-radius:18px;background:#fff;color:#1f2937}
.replies button:hover{background:#eff6ff}
.typing{display:flex;gap:4px;padding:10px 12px;align-self:flex-start;background:#fff;border:1px solid #e5e7eb;border-radius:14px}
.typing.agent{align-items:center;font-size:13px;color:#374151}
.typing .dot{width:7px;height:7px;border-radius:50%;background:#6b7280;animation:fb-b 1.2s infinite}
.typing .dot:nth-child(2){animation-delay:.2s}.typing .dot:nth-child(3){animation-delay:.4s}
@keyframes fb-b{0%,60%,100%{opacity:.3}30%{opacity:1}}
@media (prefers-reduced-motion:reduce){.typing .dot{animation:none}}
.notice{margin:0;padding:8px 14px;font-size:13px;background:#fef3c7;color:#78350f}
.notice.error{background:#fee2e2;color:#7f1d1d}
.notice.info{background:#ecfdf5;color:#065f46}.notice.info:empty{padding:0}
.rate{padding:12px 14px;border-top:1px solid #e5e7eb;text-align:center}
.rate p{margin:0 0 8px}
.rate .choices{display:flex;justify-content:center;gap:8px}
.rate .choices button{min-width:44px;min-height:44px;border:1px solid #9ca3af;border-radius:10px;background:#fff;font-size:18px}
.rate .again{margin-top:10px;border:0;background:none;color:#1d4ed8;text-decoration:underline;min-height:32px}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb;background:#fff}
form input{flex:1;min-width:0;min-height:44px;padding:8px 12px;border:1px solid #6b7280;border-radius:22px;background:#fff}
form button{width:44px;height:44px;border:0;border-radius:50%;background:var(--fb-accent);color:var(--fb-on-accent);display:grid;place-items:center}
form button:disabled,form input:disabled{opacity:.55;cursor:not-allowed}
@media (max-width:480px){.bubble .panel,.popup .panel{inset:0;width:100%;height:100%;border-radius:0;transform:none;top:0;left:0;bottom:0;right:0}}
`;
