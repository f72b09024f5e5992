// The ML Career Guide chat widget: talks to Rasa's socket.io channel (channels/socketio.py).
//
// This file is not loaded on its own: web/server.py wraps it, with widget.css and the pinned
// socket.io client, into one content-hashed bundle that /embed.js (the loader) adds to a page.
// The wrapper gives this code three local names and nothing global: `io` (the socket.io
// client), `WIDGET_CSS` (widget.css as a string) and `DEFAULTS` (where Rasa is, from the
// server's settings). Attributes of the <script> tag (`data-socket-url`, `data-title`,
// `data-primary-color`, `data-mode="inline"` + `data-container`) override them.
//
// * The widget lives in a shadow root under one custom element: the host page's CSS cannot
//   reach inside (the host element's own properties are reset with `all: initial !important`)
//   and the widget's CSS cannot reach out. No global ids, classes, styles or variables.
// * Bot text is only ever inserted as text nodes (never innerHTML). A small, safe subset of
//   formatting is built element by element: **bold**, lines starting "• ", "- " or "* " as a
//   bulleted list with a hanging indent, line breaks, and http(s) links (bare URLs and
//   [label](https://…)) opened in a new tab without access to this page.
// * Buttons ("quick_replies" from Rasa) are shown under the bot message as quick replies: a
//   click sends the button's payload, shows its title as the user's message, and puts the
//   focus back in the input.
// * The conversation survives a reload and other pages of the same site: the session token, the
//   messages shown and whether the panel was open are kept in the site's localStorage; on
//   (re)connection the widget asks Rasa to continue that session ("session_request").
// * A new bot answer is scrolled into view at its start (with the question above it), not at
//   its end; a typing indicator shows while the bot is working.
"use strict";

var STORAGE_KEY = "ml-career-guide:conversation";
var OPEN_KEY = "ml-career-guide:open";
var TAG = "ml-career-guide-widget";
var MAX_STORED = 200;
var MAX_BUTTONS = 10;
var TYPING_TIMEOUT_MS = 25000;
var LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()]+)\)|(https?:\/\/[^\s<>"'()]+)/g;
var BOLD = /\*\*([^*\n]{1,300}?)\*\*/g;
var BULLET = /^\s*[•\-*]\s+/;

var script = document.currentScript;
var data = (script && script.dataset) || {};

// ----- options -------------------------------------------------------------------------------
function scriptOrigin() {
  try {
    return new URL(script.src, window.location.href);
  } catch (error) {
    return new URL(window.location.href);
  }
}

function socketUrlOf() {
  if (data.socketUrl) return data.socketUrl;
  if (DEFAULTS.socketUrl) return DEFAULTS.socketUrl;
  if (!DEFAULTS.rasaPort) return null;
  var origin = scriptOrigin();
  return origin.protocol + "//" + origin.hostname + ":" + DEFAULTS.rasaPort;
}

var options = {
  socketUrl: socketUrlOf(),
  socketPath: DEFAULTS.socketPath || "/socket.io",
  title: (data.title || "ML Career Guide").slice(0, 60),
  color: data.primaryColor && window.CSS && CSS.supports("color", data.primaryColor) ? data.primaryColor : null,
  inline: data.mode === "inline",
  container: data.container || null,
};

// ----- DOM helpers ---------------------------------------------------------------------------
function el(tag, attributes, children) {
  var element = document.createElement(tag);
  Object.keys(attributes || {}).forEach(function (name) {
    var value = attributes[name];
    if (value === null || value === undefined || value === false) return;
    if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  });
  (children || []).forEach(function (child) {
    if (child) element.appendChild(child);
  });
  return element;
}

function svg(pathData) {
  var ns = "http://www.w3.org/2000/svg";
  var icon = document.createElementNS(ns, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  var path = document.createElementNS(ns, "path");
  path.setAttribute("d", pathData);
  icon.appendChild(path);
  return icon;
}

var ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z";
var ICON_CLOSE = "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";

// ----- colours: the page's colour, with a text colour that keeps AA contrast -----------------
function luminance(rgb) {
  var channels = rgb.map(function (value) {
    var c = value / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

function contrast(a, b) {
  var la = luminance(a);
  var lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function colourRules(shadow, colour) {
  // Resolve any CSS colour to rgb() through a probe element inside the shadow root.
  // (CSSOM, not a style attribute: a host page's CSP may forbid inline style attributes.)
  var probe = el("span", { hidden: true });
  probe.style.color = colour;
  shadow.appendChild(probe);
  var match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(getComputedStyle(probe).color);
  probe.remove();
  if (!match) return "";
  var rgb = [Number(match[1]), Number(match[2]), Number(match[3])];
  var onAccent = contrast(rgb, [255, 255, 255]) >= 4.5 ? "#fff" : "#111";
  // On white, a colour too light to read as text falls back to the dark text colour.
  var accentText = contrast(rgb, [255, 255, 255]) >= 4.5 ? colour : "#1d2330";
  return (
    ":host { --mlcg-accent: " + colour + "; --mlcg-on-accent: " + onAccent +
    "; --mlcg-accent-text: " + accentText + "; }"
  );
}

function adoptStyles(shadow, css) {
  // A constructed style sheet is not an inline <style>: a host page whose CSP forbids inline
  // styles still shows the widget styled.
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch (error) {
    shadow.appendChild(el("style", { text: css }));
  }
}

// ----- storage -------------------------------------------------------------------------------
function isMessage(message) {
  return (
    message &&
    (message.from === "user" || message.from === "bot") &&
    typeof message.text === "string"
  );
}

function load() {
  try {
    var saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
    if (saved && Array.isArray(saved.messages)) {
      return {
        sessionId: typeof saved.sessionId === "string" ? saved.sessionId : null,
        messages: saved.messages.filter(isMessage).slice(-MAX_STORED),
      };
    }
  } catch (error) {
    // Unreadable or unavailable storage: start afresh.
  }
  return { sessionId: null, messages: [] };
}

function readOpen() {
  try {
    return window.localStorage.getItem(OPEN_KEY) === "1";
  } catch (error) {
    return false;
  }
}

function writeOpen(open) {
  try {
    window.localStorage.setItem(OPEN_KEY, open ? "1" : "0");
  } catch (error) {
    // Storage disabled: the panel just won't reopen by itself.
  }
}

// ----- rendering (elements and text nodes only) ----------------------------------------------
function safeHttpUrl(value) {
  try {
    var url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (error) {
    return null;
  }
}

function appendLinks(parent, text) {
  var last = 0;
  var match;
  LINK.lastIndex = 0;
  while ((match = LINK.exec(text)) !== null) {
    var label = match[1];
    var url = match[2] || match[3];
    var end = match.index + match[0].length;
    if (match[3]) {
      // A bare URL does not take the sentence's final punctuation with it.
      var trimmed = url.replace(/[.,;:!?]+$/, "");
      end -= url.length - trimmed.length;
      url = trimmed;
    }
    var href = safeHttpUrl(url);
    if (!href) continue;
    parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    parent.appendChild(
      el("a", { href: href, target: "_blank", rel: "noopener noreferrer nofollow", text: label || url })
    );
    last = end;
  }
  parent.appendChild(document.createTextNode(text.slice(last)));
}

function appendInline(parent, text, formatted) {
  if (!formatted) {
    appendLinks(parent, text);
    return;
  }
  var last = 0;
  var match;
  BOLD.lastIndex = 0;
  while ((match = BOLD.exec(text)) !== null) {
    appendLinks(parent, text.slice(last, match.index));
    var strong = el("strong");
    appendLinks(strong, match[1]);
    parent.appendChild(strong);
    last = match.index + match[0].length;
  }
  appendLinks(parent, text.slice(last));
}

// Lines become blocks; consecutive bullet lines (bot messages only) become one list.
function appendText(parent, text, formatted) {
  var list = null;
  text.split("\n").forEach(function (line) {
    if (formatted && BULLET.test(line)) {
      if (!list) {
        list = el("ul", { class: "bullets" });
        parent.appendChild(list);
      }
      var item = el("li");
      appendInline(item, line.replace(BULLET, ""), true);
      list.appendChild(item);
      return;
    }
    list = null;
    if (!line.trim()) {
      parent.appendChild(el("span", { class: "gap" }));
      return;
    }
    var block = el("span", { class: "line" });
    appendInline(block, line, formatted);
    parent.appendChild(block);
  });
}

function timeOf(message) {
  if (typeof message.at !== "number") return null;
  var date = new Date(message.at);
  return el("time", {
    datetime: date.toISOString(),
    text: date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }),
  });
}

function mount() {
  if (options.inline && !document.getElementById(options.container || "")) return;
  var host = el(TAG, { "data-mode": options.inline ? "inline" : "floating" });
  var shadow = host.attachShadow({ mode: "open" });
  adoptStyles(shadow, WIDGET_CSS);

  var title = options.title;
  var launcher = options.inline
    ? null
    : el(
        "button",
        {
          type: "button",
          class: "launcher",
          "aria-controls": "panel",
          "aria-expanded": "false",
          "aria-label": "Chat with " + title,
          title: "Chat with " + title,
        },
        [svg(ICON_CHAT)]
      );
  var status = el("span", { class: "chat-status", role: "status", "data-state": "connecting", text: "Connecting…" });
  var resetButton = el("button", {
    type: "button",
    class: "chat-reset",
    title: "Forget this conversation and start again",
    text: "New conversation",
  });
  var closeButton = options.inline
    ? null
    : el("button", { type: "button", class: "chat-close", "aria-label": "Close chat", title: "Close chat" }, [
        svg(ICON_CLOSE),
      ]);
  var list = el("ol", { class: "chat-messages" });
  // The scrolling container is the live region (role="log" on the <ol> would break its list
  // semantics) and is focusable, so keyboard users can scroll a long answer.
  var log = el("div", { class: "chat-log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" }, [list]);
  var input = el("input", {
    id: "chat-input",
    class: "chat-input",
    name: "message",
    type: "text",
    maxlength: "1000",
    autocomplete: "off",
    enterkeyhint: "send",
    placeholder: "Ask about ML engineer salaries, skills…",
    required: true,
  });
  var form = el("form", { class: "chat-form", autocomplete: "off" }, [
    el("label", { class: "visually-hidden", for: "chat-input", text: "Your question" }),
    input,
    el("button", { type: "submit", class: "chat-send", text: "Send" }),
  ]);
  var panel = el(
    "section",
    { id: "panel", class: "chat", "aria-label": "Chat with " + title, hidden: !options.inline },
    [
      el("div", { class: "chat-header" }, [
        el("div", { class: "chat-heading" }, [el("h2", { class: "chat-title", text: title }), status]),
        resetButton,
        closeButton,
      ]),
      log,
      form,
    ]
  );
  shadow.appendChild(el("div", { class: "widget" }, [panel, launcher]));
  if (options.inline) document.getElementById(options.container).appendChild(host);
  else document.body.appendChild(host);
  if (options.color) {
    // After mounting: a colour is resolved by the computed style of an element in the page.
    try {
      var extra = new CSSStyleSheet();
      extra.replaceSync(colourRules(shadow, options.color));
      shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.concat([extra]);
    } catch (error) {
      // No constructed sheets: keep the default colour.
    }
  }

  // ----- state ---------------------------------------------------------------------------------
  var state = load();
  var ready = false; // true once Rasa confirmed the session on the current connection
  var pending = []; // payloads typed while not ready, sent on confirmation
  var greeted = null; // the session id a greeting was asked for
  var typingTimer = null;
  var socket = null;

  function save() {
    state.messages = state.messages.slice(-MAX_STORED);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      // Storage full or disabled: the conversation still works, it just won't survive a reload.
    }
  }

  function renderMessage(message) {
    var item = el("li", { class: "message from-" + message.from });
    var bubble = el("div", { class: "bubble" });
    appendText(bubble, message.text, message.from === "bot");
    if (message.image) {
      var src = safeHttpUrl(message.image);
      if (src) bubble.appendChild(el("img", { src: src, alt: "" }));
    }
    item.appendChild(bubble);
    var time = timeOf(message);
    if (time) item.appendChild(el("div", { class: "meta" }, [time]));
    if (message.buttons && message.buttons.length) {
      item.appendChild(renderQuickReplies(message.buttons));
    }
    return item;
  }

  function renderQuickReplies(buttons) {
    var box = el("div", { class: "quick-replies", role: "group", "aria-label": "Suggested replies" });
    buttons.forEach(function (button) {
      var element = el("button", { type: "button", class: "quick-reply", text: button.title });
      element.addEventListener("click", function () {
        send(button.payload, button.title);
        // The buttons are gone with the click: the focus goes back to the input, not <body>.
        input.focus();
      });
      box.appendChild(element);
    });
    return box;
  }

  function clearQuickReplies() {
    var boxes = list.querySelectorAll(".quick-replies");
    for (var i = 0; i < boxes.length; i += 1) boxes[i].remove();
  }

  function renderAll() {
    list.textContent = "";
    var lastUser = -1;
    state.messages.forEach(function (message, index) {
      if (message.from === "user") lastUser = index;
    });
    state.messages.forEach(function (message, index) {
      // Buttons stay usable only until the user says something after them.
      var shown = index > lastUser ? message : { from: message.from, text: message.text, image: message.image, at: message.at };
      list.appendChild(renderMessage(shown));
    });
    log.scrollTop = log.scrollHeight;
  }

  // Show the start of the newest answer: the user's question at the top when the answer fits
  // under it, else the answer's first line; the end only when everything fits.
  function scrollToAnswer() {
    var items = list.querySelectorAll(".message:not(.typing)");
    var question = null;
    var first = null;
    for (var i = items.length - 1; i >= 0; i -= 1) {
      if (items[i].classList.contains("from-user")) {
        question = items[i];
        break;
      }
      first = items[i];
    }
    if (!first) {
      log.scrollTop = log.scrollHeight;
      return;
    }
    var bottom = log.scrollHeight - log.clientHeight;
    var anchor = question && first.offsetTop - question.offsetTop < log.clientHeight / 3 ? question : first;
    log.scrollTop = Math.min(bottom, Math.max(0, anchor.offsetTop - 12));
  }

  function add(message) {
    if (message.from === "user") clearQuickReplies();
    message.at = Date.now();
    state.messages.push(message);
    save();
    hideTyping();
    list.appendChild(renderMessage(message));
    if (message.from === "bot") scrollToAnswer();
    else log.scrollTop = log.scrollHeight;
  }

  function showTyping() {
    hideTyping();
    var item = el("li", { class: "message from-bot typing" }, [
      el("div", { class: "bubble" }, [
        el("span", { class: "visually-hidden", text: title + " is typing" }),
        el("span", { class: "dot", "aria-hidden": "true" }),
        el("span", { class: "dot", "aria-hidden": "true" }),
        el("span", { class: "dot", "aria-hidden": "true" }),
      ]),
    ]);
    list.appendChild(item);
    if (log.scrollHeight - log.scrollTop - log.clientHeight < 200) log.scrollTop = log.scrollHeight;
    typingTimer = window.setTimeout(hideTyping, TYPING_TIMEOUT_MS);
  }

  function hideTyping() {
    if (typingTimer) window.clearTimeout(typingTimer);
    typingTimer = null;
    var typing = list.querySelector(".typing");
    if (typing) typing.remove();
  }

  function setStatus(name, text) {
    status.setAttribute("data-state", name);
    status.textContent = text;
    panel.setAttribute("data-state", name);
  }

  // ----- talking to Rasa -----------------------------------------------------------------------
  function buttonsOf(reply) {
    var raw = Array.isArray(reply.quick_replies) ? reply.quick_replies : reply.buttons;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter(function (button) {
        return button && typeof button.title === "string" && typeof button.payload === "string";
      })
      .slice(0, MAX_BUTTONS)
      .map(function (button) {
        return { title: button.title, payload: button.payload };
      });
  }

  function emitMessage(payload) {
    socket.emit("user_uttered", { message: payload, session_id: state.sessionId });
  }

  function send(payload, shownText) {
    payload = String(payload || "").trim();
    if (!payload) return;
    add({ from: "user", text: shownText || payload });
    if (ready) emitMessage(payload);
    else pending.push(payload);
    showTyping();
  }

  function greet() {
    // The greeting (and its topic buttons) comes from the bot's domain, like every other reply.
    greeted = state.sessionId;
    emitMessage("/greet");
    showTyping();
  }

  function connect() {
    if (socket) return;
    if (!options.socketUrl) {
      setStatus("offline", "The chat could not load");
      return;
    }
    socket = io(options.socketUrl, {
      path: options.socketPath,
      reconnectionDelayMax: 10000,
      timeout: 10000,
    });

    socket.on("connect", function () {
      ready = false;
      setStatus("connecting", "Connecting…");
      socket.emit("session_request", { session_id: state.sessionId });
    });

    socket.on("session_confirm", function (sessionId) {
      if (typeof sessionId !== "string" || !sessionId) return;
      state.sessionId = sessionId;
      save();
      ready = true;
      setStatus("online", "Online");
      var queued = pending;
      pending = [];
      queued.forEach(emitMessage);
      if (!state.messages.length && !queued.length && greeted !== sessionId) greet();
    });

    socket.on("bot_uttered", function (reply) {
      if (!reply || typeof reply !== "object") return;
      var text = typeof reply.text === "string" ? reply.text : "";
      var buttons = buttonsOf(reply);
      var attachment = reply.attachment;
      var image =
        attachment && attachment.type === "image" && attachment.payload && typeof attachment.payload.src === "string"
          ? attachment.payload.src
          : null;
      if (!text && !buttons.length && !image) return;
      add({ from: "bot", text: text, buttons: buttons, image: image });
    });

    socket.on("connect_error", function () {
      ready = false;
      setStatus("offline", "Can't reach the assistant — retrying…");
    });

    socket.on("disconnect", function () {
      ready = false;
      setStatus("offline", "Reconnecting…");
    });
  }

  // ----- open, close, keyboard -------------------------------------------------------------------
  function setOpen(open, focus) {
    if (options.inline) return;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    host.setAttribute("data-open", open ? "true" : "false");
    writeOpen(open);
    if (open) {
      connect();
      log.scrollTop = log.scrollHeight;
      if (focus) input.focus();
    } else if (focus) {
      launcher.focus();
    }
  }

  if (launcher) {
    launcher.addEventListener("click", function () {
      setOpen(panel.hidden, true);
    });
    closeButton.addEventListener("click", function () {
      setOpen(false, true);
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.stopPropagation();
        setOpen(false, true);
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
    input.focus();
  });

  resetButton.addEventListener("click", function () {
    state = { sessionId: null, messages: [] };
    save();
    pending = [];
    greeted = null;
    renderAll();
    ready = false;
    if (socket && socket.connected) socket.emit("session_request", { session_id: null });
    input.focus();
  });

  renderAll();
  if (options.inline) connect();
  else setOpen(readOpen(), false);
}

function start() {
  // One widget per page, whatever the number of script tags.
  if (document.querySelector(TAG)) return;
  mount();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
