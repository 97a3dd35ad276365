/* careerbot chat widget: one <script src=".../widget.js" data-endpoint="..."></script> tag adds
 * a chat bubble to any page. No build step, no framework. Every piece of bot or user text goes
 * in as DOM text nodes (textContent), never as HTML: lists in answers become <ul>/<ol> built
 * node by node. data-endpoint defaults to api/answer beside this script; data-title names the
 * panel. The session id and the transcript live in sessionStorage, so a reload or another page
 * of the same site keeps the conversation (and the server keeps its context). */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = new URL(script.getAttribute("data-endpoint") || "api/answer", script.src || document.baseURI).href;
  var title = script.getAttribute("data-title") || "Career advice";
  var GREETING = "Hi! Ask me what a role pays, what it involves, or how to get there.";
  var OFFLINE = "Sorry, I can't reach the career assistant right now. Please try again in a moment.";
  var STORE = "careerbot.session", TRANSCRIPT = "careerbot.transcript";
  var KEPT_MESSAGES = 40; // enough to follow the thread on the next page, small in storage
  var BULLET = /^\s*[-*\u2022]\s+(.*)$/, NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;
  var CSS =
    ":host{all:initial;font:15px/1.4 system-ui,sans-serif;color:#1d1d1f}" +
    ".bubble{position:fixed;right:20px;bottom:20px;border:0;border-radius:28px;padding:14px 20px;" +
    "background:#0b57d0;color:#fff;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 2px 8px #0004}" +
    /* The panel never grows past the viewport: 84px keeps the bubble visible below it. */
    ".panel{position:fixed;right:20px;bottom:84px;width:min(360px,calc(100vw - 40px));" +
    "height:min(460px,calc(100vh - 104px));height:min(460px,calc(100dvh - 104px));" +
    "display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 4px 24px #0005;overflow:hidden}" +
    ".panel[hidden]{display:none}" +
    "header{display:flex;justify-content:space-between;align-items:center;padding:10px 14px;background:#0b57d0;color:#fff}" +
    "h2{font-size:16px;margin:0}" +
    "header button{border:0;background:none;color:#fff;font-size:20px;cursor:pointer;min-width:32px;min-height:32px}" +
    ".log{position:relative;flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}" +
    ".msg{margin:0;padding:8px 12px;border-radius:12px;max-width:85%;white-space:pre-wrap;overflow-wrap:anywhere}" +
    ".msg ul,.msg ol{margin:4px 0;padding-left:20px;white-space:normal}.msg li{margin:2px 0}" +
    ".bot{background:#eef1f6;align-self:flex-start}.user{background:#0b57d0;color:#fff;align-self:flex-end}" +
    ".chips{display:flex;flex-wrap:wrap;gap:6px;padding:0 12px 8px}" +
    ".chips button{border:1px solid #0b57d0;background:#fff;color:#0b57d0;border-radius:14px;padding:4px 10px;font:inherit;cursor:pointer}" +
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid #ddd}" +
    /* 16px: phones zoom the page into any smaller input when it takes focus. */
    "input{flex:1;min-width:0;font:inherit;font-size:16px;padding:8px;border:1px solid #999;border-radius:8px}" +
    "form button{font:inherit;border:0;border-radius:8px;padding:8px 14px;background:#0b57d0;color:#fff;cursor:pointer}" +
    "button:focus-visible,input:focus-visible,.log:focus-visible{outline:3px solid #f29900;outline-offset:2px}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    /* Short viewports (a phone held sideways): the panel takes the height and covers the bubble
     * (its close button and Escape close it); the suggestions scroll in one row. Last, to win. */
    "@media (max-height:520px){.panel{bottom:8px;height:calc(100vh - 16px);height:calc(100dvh - 16px)}" +
    ".chips{flex-wrap:nowrap;overflow-x:auto}.chips button{flex:none;white-space:nowrap}}";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function load(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; /* storage blocked */ }
  }

  function save(key, value) {
    try { sessionStorage.setItem(key, value); } catch (e) { /* blocked or full: this page only */ }
  }

  function sessionId() {
    var id = load(STORE);
    if (!id) {
      var bytes = crypto.getRandomValues(new Uint8Array(16));
      id = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
      save(STORE, id);
    }
    return id;
  }

  /* The saved transcript: {messages: [[who, text], ...], suggestions: [...], open: bool}.
   * Anything malformed (another script's key, an old format) starts afresh. */
  function savedTranscript() {
    try {
      var saved = JSON.parse(load(TRANSCRIPT) || "null");
      if (saved && Array.isArray(saved.messages) && Array.isArray(saved.suggestions)) return saved;
    } catch (e) { /* not JSON */ }
    return null;
  }

  /* An answer as DOM nodes: runs of "- " lines become a <ul>, runs of "1. " lines an <ol>
   * (numbered from the first), every other line stays text. Only text nodes hold the words. */
  function rich(text) {
    var fragment = document.createDocumentFragment(), list = null, kind = "", prose = [];
    function flushProse() {
      if (prose.length) fragment.appendChild(document.createTextNode(prose.join("\n")));
      prose = [];
    }
    text.split("\n").forEach(function (line) {
      var bullet = BULLET.exec(line), numbered = NUMBERED.exec(line);
      var lineKind = bullet ? "ul" : numbered ? "ol" : "";
      if (!lineKind) { list = null; kind = ""; prose.push(line); return; }
      if (lineKind !== kind) {
        flushProse();
        list = el(lineKind);
        if (numbered && numbered[1] !== "1") list.setAttribute("start", numbered[1]);
        fragment.appendChild(list);
        kind = lineKind;
      }
      list.appendChild(el("li", {}, bullet ? bullet[1] : numbered[2]));
    });
    flushProse();
    return fragment;
  }

  function mount() {
    var host = el("div", { "data-careerbot": "" });
    var root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", {}, CSS));
    /* The label names the chat; whether it is open is aria-expanded's job. */
    var bubble = el("button", {
      class: "bubble", type: "button", "aria-expanded": "false", "aria-controls": "cb-panel",
      "aria-label": "Career advice chat"
    }, "Chat");
    var panel = el("section", { class: "panel", id: "cb-panel", role: "dialog", "aria-labelledby": "cb-title", hidden: "" });
    var header = el("header");
    var close = el("button", { type: "button", "aria-label": "Close the chat" }, "\u00d7");
    header.append(el("h2", { id: "cb-title" }, title), close);
    var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
    var chips = el("div", { class: "chips", role: "group", "aria-label": "Suggested questions" });
    var form = el("form");
    var input = el("input", { id: "cb-input", type: "text", maxlength: "500", autocomplete: "off" });
    var send = el("button", { type: "submit" }, "Send");
    form.append(el("label", { class: "sr", for: "cb-input" }, "Your question"), input, send);
    panel.append(header, log, chips, form);
    root.append(bubble, panel);
    document.body.appendChild(host);

    var session = sessionId();
    var transcript = { messages: [], suggestions: [], open: false };

    function remember() {
      transcript.messages = transcript.messages.slice(-KEPT_MESSAGES);
      save(TRANSCRIPT, JSON.stringify(transcript));
    }

    function say(who, text) {
      var msg = el("div", { class: "msg " + who });
      msg.append(el("span", { class: "sr" }, who === "user" ? "You: " : "Assistant: "));
      msg.append(who === "bot" ? rich(text) : document.createTextNode(text));
      log.appendChild(msg);
      transcript.messages.push([who, text]);
      return msg;
    }

    /* Called once the suggestion buttons are in place (they shrink the log): the newest message
     * opens at its start, so a long answer is read from the top and a short one shows whole. */
    function reveal(msg) {
      log.scrollTop = msg.offsetTop - 12;
    }

    function suggest(items) {
      chips.replaceChildren();
      transcript.suggestions = items;
      items.forEach(function (text) {
        var chip = el("button", { type: "button" }, text);
        chip.addEventListener("click", function () {
          input.focus(); // the button is about to go; focus must not fall back to the page
          ask(text);
        });
        chips.appendChild(chip);
      });
    }

    function answer(text, suggestions) {
      var msg = say("bot", text);
      suggest(suggestions);
      reveal(msg);
      remember();
    }

    function ask(text) {
      text = text.trim();
      if (!text) return;
      reveal(say("user", text));
      suggest([]);
      remember();
      send.disabled = true;
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: text, session: session })
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (reply) {
        answer(String(reply.text), Array.isArray(reply.suggestions) ? reply.suggestions.map(String) : []);
      }).catch(function () {
        answer(OFFLINE, []);
      }).finally(function () {
        send.disabled = false;
      });
    }

    function toggle(open, moveFocus) {
      panel.hidden = !open;
      bubble.setAttribute("aria-expanded", String(open));
      transcript.open = open;
      remember();
      if (open && log.lastElementChild) reveal(log.lastElementChild);
      if (moveFocus) (open ? input : bubble).focus();
    }

    /* While the dialog is open, Tab and Shift+Tab cycle through its own controls. */
    function trapTab(event) {
      var inside = Array.prototype.filter.call(
        panel.querySelectorAll("button, input, [tabindex]"),
        function (node) { return !node.disabled && node.getAttribute("tabindex") !== "-1"; }
      );
      if (!inside.length) return;
      var first = inside[0], last = inside[inside.length - 1], active = root.activeElement;
      if (event.shiftKey && (active === first || inside.indexOf(active) < 0)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || inside.indexOf(active) < 0)) {
        event.preventDefault();
        first.focus();
      }
    }

    bubble.addEventListener("click", function () { toggle(panel.hidden, true); });
    close.addEventListener("click", function () { toggle(false, true); });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") toggle(false, true);
      else if (event.key === "Tab") trapTab(event);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ask(input.value);
      input.value = "";
    });

    var saved = savedTranscript();
    if (saved && saved.messages.length) {
      saved.messages.forEach(function (item) { say(item[0] === "user" ? "user" : "bot", String(item[1])); });
      suggest(saved.suggestions.map(String));
      toggle(saved.open === true, false); // reopen on the new page without taking the focus
    } else {
      answer(GREETING, []);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
