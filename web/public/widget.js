// The ML Career Guide chat widget: talks to Rasa's socket.io channel (channels/socketio.py).
//
// * Bot text is only ever inserted as text nodes (never innerHTML): whatever a reply contains,
//   "<b>" included, is shown as typed. URLs become <a> elements built one by one (http/https
//   only, opened in a new tab without access to this page).
// * Buttons ("quick_replies" from Rasa) are shown under the bot message as quick replies: a click
//   sends the button's payload and shows its title as the user's message.
// * The conversation survives a reload: the session id and the messages shown are kept in
//   localStorage; on (re)connection the widget asks Rasa to continue that session
//   ("session_request"), so the bot's context (slots) carries on.
(function () {
  "use strict";

  var config = window.ML_CAREER_GUIDE || {};
  var STORAGE_KEY = "ml-career-guide:conversation";
  var MAX_STORED = 200;
  var MAX_BUTTONS = 10;
  var TYPING_TIMEOUT_MS = 25000;
  var LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()]+)\)|(https?:\/\/[^\s<>"'()]+)/g;

  var root = document.getElementById("chat");
  var list = root.querySelector(".chat-messages");
  var form = root.querySelector(".chat-form");
  var input = root.querySelector(".chat-input");
  var status = root.querySelector(".chat-status");
  var resetButton = root.querySelector(".chat-reset");

  var state = load();
  var ready = false; // true once Rasa confirmed the session on the current connection
  var pending = []; // payloads typed while not ready, sent on confirmation
  var greeted = null; // the session id a greeting was asked for
  var typingTimer = null;

  // ----- storage -------------------------------------------------------------------------------
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

  function save() {
    state.messages = state.messages.slice(-MAX_STORED);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      // Storage full or disabled: the conversation still works, it just won't survive a reload.
    }
  }

  function isMessage(message) {
    return (
      message &&
      (message.from === "user" || message.from === "bot") &&
      typeof message.text === "string"
    );
  }

  // ----- rendering (text nodes only) -----------------------------------------------------------
  function safeHttpUrl(value) {
    try {
      var url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function appendText(parent, text) {
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
      var link = document.createElement("a");
      link.href = href;
      link.textContent = label || url;
      link.target = "_blank";
      link.rel = "noopener noreferrer nofollow";
      parent.appendChild(link);
      last = end;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderMessage(message) {
    var item = document.createElement("li");
    item.className = "message from-" + message.from;
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    appendText(bubble, message.text);
    if (message.image) {
      var src = safeHttpUrl(message.image);
      if (src) {
        var image = document.createElement("img");
        image.src = src;
        image.alt = "";
        bubble.appendChild(image);
      }
    }
    item.appendChild(bubble);
    if (message.buttons && message.buttons.length) {
      item.appendChild(renderQuickReplies(message.buttons));
    }
    return item;
  }

  function renderQuickReplies(buttons) {
    var box = document.createElement("div");
    box.className = "quick-replies";
    buttons.forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "quick-reply";
      element.textContent = button.title;
      element.addEventListener("click", function () {
        send(button.payload, button.title);
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
      var shown = index > lastUser ? message : { from: message.from, text: message.text, image: message.image };
      list.appendChild(renderMessage(shown));
    });
    scrollDown();
  }

  function add(message) {
    if (message.from === "user") clearQuickReplies();
    state.messages.push(message);
    save();
    hideTyping();
    list.appendChild(renderMessage(message));
    scrollDown();
  }

  function scrollDown() {
    list.scrollTop = list.scrollHeight;
  }

  function showTyping() {
    hideTyping();
    var item = document.createElement("li");
    item.className = "message from-bot typing";
    item.setAttribute("aria-hidden", "true");
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    for (var i = 0; i < 3; i += 1) bubble.appendChild(document.createElement("span"));
    item.appendChild(bubble);
    list.appendChild(item);
    scrollDown();
    typingTimer = window.setTimeout(hideTyping, TYPING_TIMEOUT_MS);
  }

  function hideTyping() {
    if (typingTimer) window.clearTimeout(typingTimer);
    typingTimer = null;
    var typing = list.querySelector(".typing");
    if (typing) typing.remove();
  }

  function setStatus(name, text) {
    status.dataset.state = name;
    status.textContent = text;
    root.dataset.state = name;
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

  // The Rasa server: the URL configured for the site, else this page's own host at Rasa's port.
  var socketUrl =
    config.socketUrl ||
    (config.rasaPort
      ? window.location.protocol + "//" + window.location.hostname + ":" + config.rasaPort
      : null);
  if (typeof window.io !== "function" || !socketUrl) {
    setStatus("offline", "The chat could not load");
    renderAll();
    return;
  }

  var socket = window.io(socketUrl, {
    path: config.socketPath || "/socket.io",
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
    if (socket.connected) socket.emit("session_request", { session_id: null });
    input.focus();
  });

  renderAll();
})();
