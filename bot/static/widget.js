/* careerbot chat widget: one <script src=".../widget.js" data-endpoint="..."></script> tag adds
 * a chat bubble to any page. No build step, no framework. Every piece of bot or user text goes
 * in with textContent, never as HTML. data-endpoint defaults to api/answer beside this script;
 * data-title names the panel. The session id lives in sessionStorage, so a reload keeps context. */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = new URL(script.getAttribute("data-endpoint") || "api/answer", script.src || document.baseURI).href;
  var title = script.getAttribute("data-title") || "Career advice";
  var GREETING = "Hi! Ask me what a role pays, what it involves, or how to get there.";
  var OFFLINE = "Sorry, I can't reach the career assistant right now. Please try again in a moment.";
  var CSS =
    ":host{all:initial;font:15px/1.4 system-ui,sans-serif;color:#1d1d1f}" +
    ".bubble{position:fixed;right:20px;bottom:20px;border:0;border-radius:28px;padding:14px 20px;" +
    "background:#0b57d0;color:#fff;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 2px 8px #0004}" +
    ".panel{position:fixed;right:20px;bottom:84px;width:min(360px,calc(100vw - 40px));height:460px;" +
    "display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 4px 24px #0005;overflow:hidden}" +
    ".panel[hidden]{display:none}" +
    "header{display:flex;justify-content:space-between;align-items:center;padding:10px 14px;background:#0b57d0;color:#fff}" +
    "h2{font-size:16px;margin:0}" +
    "header button{border:0;background:none;color:#fff;font-size:20px;cursor:pointer}" +
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}" +
    ".msg{margin:0;padding:8px 12px;border-radius:12px;max-width:85%;white-space:pre-wrap;overflow-wrap:anywhere}" +
    ".bot{background:#eef1f6;align-self:flex-start}.user{background:#0b57d0;color:#fff;align-self:flex-end}" +
    ".chips{display:flex;flex-wrap:wrap;gap:6px;padding:0 12px 8px}" +
    ".chips button{border:1px solid #0b57d0;background:#fff;color:#0b57d0;border-radius:14px;padding:4px 10px;font:inherit;cursor:pointer}" +
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid #ddd}" +
    "input{flex:1;font:inherit;padding:8px;border:1px solid #999;border-radius:8px}" +
    "form button{font:inherit;border:0;border-radius:8px;padding:8px 14px;background:#0b57d0;color:#fff;cursor:pointer}" +
    "button:focus-visible,input:focus-visible{outline:3px solid #f29900;outline-offset:2px}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function sessionId() {
    var key = "careerbot.session", id = null;
    try { id = sessionStorage.getItem(key); } catch (e) { /* storage blocked: this page only */ }
    if (!id) {
      var bytes = crypto.getRandomValues(new Uint8Array(16));
      id = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
      try { sessionStorage.setItem(key, id); } catch (e) { /* keep it in memory */ }
    }
    return id;
  }

  function mount() {
    var host = el("div", { "data-careerbot": "" });
    var root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", {}, CSS));
    var bubble = el("button", { class: "bubble", type: "button", "aria-expanded": "false", "aria-controls": "cb-panel" }, "Chat");
    bubble.setAttribute("aria-label", "Open the career advice chat");
    var panel = el("section", { class: "panel", id: "cb-panel", role: "dialog", "aria-labelledby": "cb-title", hidden: "" });
    var header = el("header");
    var close = el("button", { type: "button", "aria-label": "Close the chat" }, "\u00d7");
    header.append(el("h2", { id: "cb-title" }, title), close);
    var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
    var chips = el("div", { class: "chips", role: "group", "aria-label": "Suggested questions" });
    var form = el("form");
    var input = el("input", { id: "cb-input", type: "text", maxlength: "500", autocomplete: "off" });
    var send = el("button", { type: "submit" }, "Send");
    form.append(el("label", { class: "sr", for: "cb-input" }, "Your question"), input, send);
    panel.append(header, log, chips, form);
    root.append(bubble, panel);
    document.body.appendChild(host);

    var session = sessionId();

    function say(who, text) {
      var msg = el("p", { class: "msg " + who });
      msg.append(el("span", { class: "sr" }, who === "user" ? "You: " : "Assistant: "), document.createTextNode(text));
      log.appendChild(msg);
      log.scrollTop = log.scrollHeight;
    }

    function suggest(items) {
      chips.replaceChildren();
      items.forEach(function (text) {
        var chip = el("button", { type: "button" }, text);
        chip.addEventListener("click", function () { ask(text); });
        chips.appendChild(chip);
      });
    }

    function ask(text) {
      text = text.trim();
      if (!text) return;
      say("user", text);
      suggest([]);
      send.disabled = true;
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: text, session: session })
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (reply) {
        say("bot", String(reply.text));
        suggest(Array.isArray(reply.suggestions) ? reply.suggestions.map(String) : []);
      }).catch(function () {
        say("bot", OFFLINE);
      }).finally(function () {
        send.disabled = false;
      });
    }

    function toggle(open) {
      panel.hidden = !open;
      bubble.setAttribute("aria-expanded", String(open));
      (open ? input : bubble).focus();
    }

    bubble.addEventListener("click", function () { toggle(panel.hidden); });
    close.addEventListener("click", function () { toggle(false); });
    panel.addEventListener("keydown", function (event) { if (event.key === "Escape") toggle(false); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ask(input.value);
      input.value = "";
    });
    say("bot", GREETING);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
