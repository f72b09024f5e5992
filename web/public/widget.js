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
// * Each content answer (Rasa names it with "answer_id") has 👍 / 👎 under it; a 👎 offers the
//   reasons once (optional) and the person is thanked. The rating is sent as a "feedback"
//   event (stored with the conversation, channels/feedback.py) and kept with the message.
"use strict";

var STORAGE_KEY = "ml-career-guide:conversation";
var OPEN_KEY = "ml-career-guide:open";
var TAB_KEY = "ml-career-guide:tab";
// A message not acknowledged by then is marked "not delivered" (Rasa answers "having trouble"
// after MESSAGE_TIMEOUT, 20 s by default, and acknowledges then).
var ACK_TIMEOUT_MS = 45000;
// While connected, the widget asks Rasa to confirm its session every HEARTBEAT_MS: a silent
// network drop (no "offline" event, the socket still open) shows within seconds instead of after
// socket.io's own 45 s. A late confirmation only changes the status: nothing is re-sent for it.
var HEARTBEAT_MS = 10000;
var HEARTBEAT_WAIT_MS = 6000;
var STATUS_TEXT = { sending: "Sending…", sent: "Sent", delivered: "Delivered", failed: "Not delivered" };
var TAG = "ml-career-guide-widget";
var MAX_STORED = 200;
var MAX_BUTTONS = 10;
var TYPING_TIMEOUT_MS = 25000;
var LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()]+)\)|(https?:\/\/[^\s<>"'()]+)/g;
var BOLD = /\*\*([^*\n]{1,300}?)\*\*/g;
var BULLET = /^\s*[•\-*]\s+/;
var REASONS = [
  ["wrong", "Wrong"],
  ["not_asked", "Not what I asked"],
  ["too_long", "Too long"],
  ["outdated", "Outdated"],
];
var FEEDBACK_WAIT_MS = 10000;

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
// Thumbs up / down as icons (Material Icons, Apache 2.0): no emoji font needed.
var ICON_UP =
  "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
var ICON_DOWN =
  "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z";

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
        owner: typeof saved.owner === "string" ? saved.owner : null,
      };
    }
  } catch (error) {
    // Unreadable or unavailable storage: start afresh.
  }
  return { sessionId: null, messages: [], owner: null };
}

function storageWorks() {
  try {
    window.localStorage.setItem(STORAGE_KEY + ":probe", "1");
    window.localStorage.removeItem(STORAGE_KEY + ":probe");
    return true;
  } catch (error) {
    return false;
  }
}

function randomId() {
  var bytes = new Uint8Array(8);
  window.crypto.getRandomValues(bytes);
  return Array.prototype.map
    .call(bytes, function (byte) {
      return (byte + 256).toString(16).slice(1);
    })
    .join("");
}

// This tab's id: kept across its reloads (sessionStorage), different in every other tab.
function tabId() {
  try {
    var id = window.sessionStorage.getItem(TAB_KEY);
    if (!id) {
      id = randomId();
      window.sessionStorage.setItem(TAB_KEY, id);
    }
    return id;
  } catch (error) {
    return randomId();
  }
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
  // The conversation is the one in localStorage, shared by every tab of the site: each change
  // starts from the stored copy (another tab may have written since), and a change made by
  // another tab arrives as a "storage" event and is shown here too. The bot's replies reach
  // every tab of the conversation; only the tab whose turn it is (state.owner) records them.
  var TAB = tabId();
  var state = load();
  var shared = storageWorks(); // false: storage disabled, the conversation lives in this page

  // The conversation as stored now (another tab may have changed it), or this page's copy.
  function fresh() {
    return shared ? load() : state;
  }
  var ready = false; // true once Rasa confirmed the session on the current connection
  var greeted = null; // the session id a greeting was asked for
  var typingTimer = null;
  var socket = null;
  var heartbeat = null;
  var requested = null; // the session id last asked for

  function save() {
    state.messages = state.messages.slice(-MAX_STORED);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      // Storage full or disabled: the conversation still works, it just won't survive a reload.
    }
  }

  function change(edit) {
    var before = state.sessionId;
    state = fresh();
    if (state.sessionId !== before && before !== null) {
      // Another tab started a new conversation meanwhile: this change belongs to the old one.
      renderAll();
      return false;
    }
    edit(state);
    save();
    return true;
  }

  function find(id) {
    for (var i = state.messages.length - 1; i >= 0; i -= 1) {
      if (state.messages[i].id === id) return state.messages[i];
    }
    return null;
  }

  // ----- rendering -----------------------------------------------------------------------------
  function renderMessage(message) {
    var item = el("li", { class: "message from-" + message.from, "data-id": message.id || null });
    var bubble = el("div", { class: "bubble" });
    appendText(bubble, message.text, message.from === "bot");
    if (message.image) {
      var src = safeHttpUrl(message.image);
      if (src) bubble.appendChild(el("img", { src: src, alt: "" }));
    }
    item.appendChild(bubble);
    item.appendChild(renderMeta(message));
    if (message.from === "bot" && typeof message.answerId === "number") {
      item.appendChild(renderRating(message));
    }
    if (message.buttons && message.buttons.length) {
      item.appendChild(renderQuickReplies(message.buttons));
    }
    return item;
  }

  // 👍 / 👎 under an answer; after a 👎 the reasons, once; then a thank-you.
  function renderRating(message) {
    var box = el("div", { class: "rating", role: "group", "aria-label": "Rate this answer" });
    [
      ["up", ICON_UP, "Helpful"],
      ["down", ICON_DOWN, "Not helpful"],
    ].forEach(function (choice) {
      var button = el(
        "button",
        {
          type: "button",
          class: "rate",
          "data-rating": choice[0],
          "aria-label": choice[2],
          title: choice[2],
          "aria-pressed": message.rating === choice[0] ? "true" : "false",
        },
        [svg(choice[1])]
      );
      button.addEventListener("click", function () {
        rate(message.id, choice[0], null);
      });
      box.appendChild(button);
    });
    if (message.rating === "down" && !message.reason && !message.reasonAsked) {
      var reasons = el("div", { class: "reasons", role: "group", "aria-label": "What was wrong? (optional)" });
      REASONS.forEach(function (reason) {
        var button = el("button", { type: "button", class: "reason", "data-reason": reason[0], text: reason[1] });
        button.addEventListener("click", function () {
          rate(message.id, "down", reason[0]);
        });
        reasons.appendChild(button);
      });
      box.appendChild(el("span", { class: "rating-note", text: "What was wrong? (optional)" }));
      box.appendChild(reasons);
    } else if (message.rating) {
      var reasonText = "";
      REASONS.forEach(function (reason) {
        if (reason[0] === message.reason) reasonText = " (" + reason[1].toLowerCase() + ")";
      });
      box.appendChild(el("span", { class: "rating-note", role: "status", text: "Thanks for the feedback" + reasonText + "!" }));
    }
    return box;
  }

  function updateRating(id) {
    var message = find(id);
    var item = list.querySelector('li[data-id="' + CSS.escape(String(id)) + '"]');
    var old = item && item.querySelector(".rating");
    if (!message || !old) return;
    var focused = old.contains(shadow.activeElement);
    var fresh = renderRating(message);
    item.replaceChild(fresh, old);
    if (focused) (fresh.querySelector(".reason") || fresh.querySelector('[aria-pressed="true"]')).focus();
  }

  function rate(id, rating, reason) {
    var message = find(id);
    if (!message || !connected()) return;
    socket
      .timeout(FEEDBACK_WAIT_MS)
      .emit("feedback", { answer_id: message.answerId, rating: rating, reason: reason }, function (error, outcome) {
        if (error || !outcome || !outcome.stored) return;
        change(function (current) {
          current.messages.forEach(function (stored) {
            if (stored.id !== id) return;
            // A second 👎 does not ask again; choosing a reason (or 👍) closes the question.
            if (stored.rating === "down" && rating === "down" && !reason) stored.reasonAsked = true;
            stored.rating = rating;
            stored.reason = reason;
          });
        });
        updateRating(id);
      });
  }

  function renderMeta(message) {
    var meta = el("div", { class: "meta" }, [timeOf(message)]);
    if (message.from === "user" && STATUS_TEXT[message.status]) {
      // Read out only when it matters: "Not delivered" (with its Retry button).
      var quiet = message.status !== "failed";
      meta.appendChild(
        el("span", {
          class: "delivery",
          "data-status": message.status,
          "aria-hidden": quiet ? "true" : null,
          text: STATUS_TEXT[message.status],
        })
      );
      if (message.status === "failed") {
        var retry = el("button", { type: "button", class: "retry", text: "Retry" });
        retry.addEventListener("click", function () {
          resend(message.id);
          input.focus();
        });
        meta.appendChild(retry);
      }
    }
    return meta;
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
    var typing = !!list.querySelector(".typing");
    list.textContent = "";
    var lastUser = -1;
    state.messages.forEach(function (message, index) {
      if (message.from === "user") lastUser = index;
    });
    state.messages.forEach(function (message, index) {
      // Buttons stay usable only until the user says something after them.
      var shown = index > lastUser ? message : Object.assign({}, message, { buttons: null });
      list.appendChild(renderMessage(shown));
    });
    if (typing && waiting()) showTyping();
    log.scrollTop = log.scrollHeight;
  }

  function updateMeta(id) {
    var message = find(id);
    var item = list.querySelector('li[data-id="' + CSS.escape(String(id)) + '"]');
    if (!message || !item) return;
    var meta = item.querySelector(".meta");
    var focusRetry = meta && meta.contains(shadow.activeElement);
    item.replaceChild(renderMeta(message), meta);
    if (focusRetry) input.focus();
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
    message.id = message.id || randomId();
    message.at = Date.now();
    if (!change(function (current) {
      current.messages.push(message);
      if (message.from === "user") current.owner = TAB;
    })) return false;
    if (message.from === "user") clearQuickReplies();
    hideTyping();
    list.appendChild(renderMessage(message));
    if (message.from === "bot") scrollToAnswer();
    else log.scrollTop = log.scrollHeight;
    return true;
  }

  // Still waiting for the bot: one of this tab's messages is not answered yet.
  function waiting() {
    return state.messages.some(function (message) {
      return message.from === "user" && (message.status === "sending" || message.status === "sent");
    });
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

  function connected() {
    return ready && socket && socket.connected && navigator.onLine !== false;
  }

  function setDelivery(id, status, retried, emitted) {
    change(function (current) {
      var message = null;
      for (var i = current.messages.length - 1; i >= 0; i -= 1) {
        if (current.messages[i].id === id) message = current.messages[i];
      }
      if (!message) return;
      message.status = status;
      if (retried) message.retried = true;
      if (emitted) message.emitted = true;
    });
    updateMeta(id);
    if (!waiting()) hideTyping();
  }

  // Sent at most twice: once, and once more if the connection broke before Rasa acknowledged
  // it (Rasa acknowledges a message once it has answered it). After that, the person decides.
  // Every copy carries the message's id: Rasa answers a copy of a message it already has
  // (`resent` asks it to look in its tracker store too) by sending the answer again, not by
  // processing it again, and `received` shows each part of an answer once.
  function deliver(id) {
    var message = find(id);
    if (!message || !connected()) return; // stays "sending": sent on the next confirmation
    var resent = !!message.emitted;
    setDelivery(id, "sent", false, true);
    var data = {
      message: message.payload || message.text,
      session_id: state.sessionId,
      message_id: id,
      resent: resent,
    };
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit("user_uttered", data, function (error) {
        var current = find(id);
        if (!current || current.status !== "sent") return;
        if (!error) setDelivery(id, "delivered");
        else if (!current.retried && !(socket && socket.connected)) setDelivery(id, "sending", true);
        else setDelivery(id, "failed");
      });
  }

  function resend(id) {
    setDelivery(id, "sending");
    change(function (current) {
      current.owner = TAB;
    });
    showTyping();
    deliver(id);
  }

  function send(payload, shownText) {
    payload = String(payload || "").trim();
    if (!payload) return;
    var message = { from: "user", text: shownText || payload, payload: payload, status: "sending" };
    if (!add(message)) return;
    showTyping();
    deliver(message.id);
  }

  function greet() {
    // The greeting (and its topic buttons) comes from the bot's domain, like every other reply.
    greeted = state.sessionId;
    change(function (current) {
      current.owner = TAB;
    });
    socket.emit("user_uttered", { message: "/greet", session_id: state.sessionId });
    showTyping();
  }

  // Ask Rasa for our session (null: a new one); `timeout` (ms) for a heartbeat.
  function requestSession(timeout) {
    requested = fresh().sessionId;
    var data = { session_id: requested };
    if (!timeout) {
      socket.emit("session_request", data);
      return;
    }
    socket.timeout(timeout).emit("session_request", data, function (error) {
      if (error && socket.connected) {
        ready = false;
        setOffline("No answer from the assistant — waiting…");
      }
    });
  }

  function beat() {
    // No heartbeat while a new conversation is being set up: it would start yet another.
    if (socket && socket.connected && fresh().sessionId) requestSession(HEARTBEAT_WAIT_MS);
  }

  function confirmed(sessionId) {
    if (typeof sessionId !== "string" || !sessionId) return;
    var stored = fresh().sessionId;
    if (stored !== requested) {
      // A stale confirmation: the conversation changed (a reset here or in another tab) since
      // it was asked for. Follow the stored one; none stored means a reset is under way, and
      // its new session arrives as a "storage" event.
      ready = false;
      if (stored) requestSession();
      return;
    }
    // The session asked for, or a new one when the server did not accept the one asked for.
    state = fresh();
    if (state.sessionId !== sessionId) {
      state.sessionId = sessionId;
      save();
    }
    ready = true;
    if (navigator.onLine === false) return;
    setStatus("online", "Online");
    var mine = state.owner === TAB;
    state.messages.forEach(function (message) {
      if (mine && message.from === "user" && message.status === "sending") deliver(message.id);
    });
    if (!state.messages.length && (mine || !state.owner) && greeted !== sessionId) greet();
  }

  function received(reply) {
    if (!reply || typeof reply !== "object") return;
    if (fresh().owner !== TAB) return; // another tab's turn: it records the reply, we see it
    // A part of an answer sent again (its message was re-sent after a broken link): shown once.
    var replyTo = typeof reply.reply_to === "string" ? reply.reply_to : null;
    var part = typeof reply.part === "number" ? reply.part : null;
    if (replyTo !== null && part !== null && fresh().messages.some(function (message) {
      return message.from === "bot" && message.replyTo === replyTo && message.part === part;
    })) return;
    var text = typeof reply.text === "string" ? reply.text : "";
    var buttons = buttonsOf(reply);
    var attachment = reply.attachment;
    var image =
      attachment && attachment.type === "image" && attachment.payload && typeof attachment.payload.src === "string"
        ? attachment.payload.src
        : null;
    if (!text && !buttons.length && !image) return;
    var answerId = typeof reply.answer_id === "number" ? reply.answer_id : null;
    add({ from: "bot", text: text, buttons: buttons, image: image, answerId: answerId, replyTo: replyTo, part: part });
    if (waiting()) showTyping();
  }

  function connect() {
    if (socket) return;
    if (!options.socketUrl) {
      setStatus("offline", "The chat could not load");
      return;
    }
    socket = io(options.socketUrl, {
      path: options.socketPath,
      reconnectionDelayMax: 5000,
      timeout: 10000,
    });

    socket.on("connect", function () {
      ready = false;
      setStatus("connecting", "Connecting…");
      requestSession();
      window.clearInterval(heartbeat);
      heartbeat = window.setInterval(beat, HEARTBEAT_MS);
    });
    socket.on("session_confirm", confirmed);
    socket.on("bot_uttered", received);
    socket.on("connect_error", function () {
      ready = false;
      setOffline("Can't reach the assistant — retrying…");
    });
    socket.on("disconnect", function () {
      ready = false;
      window.clearInterval(heartbeat);
      setOffline("Reconnecting…");
    });
  }

  function setOffline(text) {
    if (navigator.onLine === false) text = "Offline — messages will be sent when you are back online";
    setStatus("offline", text);
  }

  // A new conversation on a fresh connection: the old socket's room (and any answer still on
  // its way to the old conversation) is left behind with it.
  function restart() {
    ready = false;
    greeted = null;
    if (socket) {
      socket.disconnect();
      socket.connect();
    }
  }

  // The browser knows at once when the network goes: say so, and reconnect when it is back.
  window.addEventListener("offline", function () {
    ready = false;
    setOffline("");
  });
  window.addEventListener("online", function () {
    if (!socket) return;
    if (socket.connected) requestSession();
    else socket.connect();
  });

  // Another tab changed the conversation.
  window.addEventListener("storage", function (event) {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    var before = state.sessionId;
    state = fresh();
    renderAll();
    if (waiting()) showTyping();
    scrollToAnswer();
    if (state.sessionId !== before && socket) {
      if (state.sessionId) restart();
      else ready = false; // the other tab's new session is on its way
    }
  });

  // ----- open, close, keyboard -------------------------------------------------------------------
  // On a phone the panel is the screen; when the on-screen keyboard takes part of it, the
  // panel shrinks to the part left (the visual viewport), so the input stays in sight.
  var phone = window.matchMedia ? window.matchMedia("(max-width: 479px)") : null;
  function fitToViewport() {
    var viewport = window.visualViewport;
    if (options.inline || !viewport || !phone) return;
    var fit = phone.matches && !panel.hidden;
    panel.style.top = fit ? viewport.offsetTop + "px" : "";
    panel.style.height = fit ? viewport.height + "px" : "";
    panel.style.bottom = fit ? "auto" : "";
  }
  if (window.visualViewport) {
    window.visualViewport.addEventListener("resize", fitToViewport);
    window.visualViewport.addEventListener("scroll", fitToViewport);
  }

  function setOpen(open, focus) {
    if (options.inline) return;
    panel.hidden = !open;
    fitToViewport();
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
    state = { sessionId: null, messages: [], owner: TAB };
    save();
    hideTyping();
    renderAll();
    restart();
    input.focus();
  });

  // This tab's messages left unacknowledged by a reload: never sent ("sending") go out on
  // connection; sent but unconfirmed may have been answered, so the person is asked.
  var interrupted = false;
  state.messages.forEach(function (message) {
    if (state.owner === TAB && message.from === "user" && message.status === "sent") {
      message.status = "failed";
      interrupted = true;
    }
  });
  if (interrupted) save();
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
