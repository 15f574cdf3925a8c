// Convene video room: lobby clock and countdown, a WebRTC call between the
// meeting's two sides, chat. Plain script, no build step, no inline code:
// the page passes everything in data-* attributes. Signaling: the server's
// Server-Sent Events (GET /video/{id}/events) in, POST /video/{id}/signal out.
// Side 0 (the requester) makes offers; side 1 asks for one by saying hello.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };

  // Lobby: the slot in this device's zone and a countdown.
  var cd = $("countdown"), lt = $("local-time"), msgs = $("msgs");
  var msg = function (k) { return msgs ? msgs.dataset[k] || "" : ""; };
  if (lt && lt.dataset.start) {
    var d = new Date(lt.dataset.start);
    lt.textContent = d.toLocaleString(document.documentElement.lang || [], { dateStyle: "medium", timeStyle: "short" }) + " " +
      Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
  function span(ms) {
    var s = Math.max(0, Math.round(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    return (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(s % 60).padStart(2, "0");
  }
  if (cd && msgs) {
    var tick = function () {
      var now = Date.now(), start = Date.parse(cd.dataset.start), opens = Date.parse(cd.dataset.opens);
      if (now < opens) cd.textContent = msg("opens").replace("%s", span(opens - now));
      else if (now < start) cd.textContent = msg("starts").replace("%s", span(start - now));
      else cd.textContent = msg("open");
    };
    tick();
    setInterval(tick, 1000);
  }

  var call = $("call");
  var chatForm = $("chat-form"), chatLines = $("chat-lines");
  var seenChat = {};
  if (chatLines) {
    Array.prototype.forEach.call(chatLines.children, function (li) { seenChat[li.dataset.id] = true; });
  }
  function addChat(c) {
    if (seenChat[c.id]) return;
    seenChat[c.id] = true;
    var li = document.createElement("li"), b = document.createElement("strong"), t = document.createElement("small");
    li.dataset.id = c.id;
    b.textContent = c.name;
    t.textContent = new Date(c.at).toTimeString().slice(0, 5);
    li.append(b, " ", t, " ", c.body);
    chatLines.append(li);
  }
  if (!call) return; // lobby only: not open, external link, or an organizer

  var room = call.dataset.room, me = call.dataset.me, side = Number(call.dataset.side);
  var params = new URLSearchParams(location.search);
  var config = { iceServers: JSON.parse(call.dataset.ice || "[]") };
  if (params.get("relay") === "1") config.iceTransportPolicy = "relay"; // force the TURN relay
  var status = $("call-status"), err = $("media-error"), other = $("other-status");
  var remote = $("remote"), local = $("local");
  var stream = null, screen = null, pc = null, gen = 0, pending = [];
  var setStatus = function (k) { status.textContent = msg(k); status.dataset.state = k; };
  var setOther = function (k) { other.textContent = msg(k); other.dataset.status = k; };

  if (chatForm) {
    chatForm.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = new FormData(chatForm);
      fetch(chatForm.action, { method: "POST", body: new URLSearchParams(body), headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (c) { if (c) { addChat(c); chatForm.reset(); } });
    });
  }

  function send(kind, body) {
    return fetch("/video/" + room + "/signal", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ kind: kind, body: body || {} })
    });
  }

  function mediaError(e) {
    var k = "nodevice";
    if (!navigator.mediaDevices || !window.RTCPeerConnection) k = "unsupported";
    else if (e && (e.name === "NotAllowedError" || e.name === "SecurityError")) k = "denied";
    err.textContent = msg(k);
    err.dataset.reason = k;
    err.hidden = false;
  }

  function newPeer() {
    if (pc) pc.close();
    pc = new RTCPeerConnection(config);
    pending = [];
    if (stream) stream.getTracks().forEach(function (t) { pc.addTrack(t, stream); });
    else { pc.addTransceiver("audio", { direction: "recvonly" }); pc.addTransceiver("video", { direction: "recvonly" }); }
    if (screen) replaceVideo(screen.getVideoTracks()[0]);
    var mine = gen;
    pc.onicecandidate = function (e) {
      if (e.candidate) send("candidate", { gen: mine, candidate: e.candidate.toJSON() });
    };
    pc.ontrack = function (e) {
      if (remote.srcObject !== e.streams[0]) remote.srcObject = e.streams[0] || new MediaStream([e.track]);
    };
    pc.onconnectionstatechange = function () {
      var s = pc.connectionState;
      if (s === "connected") setStatus("connected");
      else if (s === "failed") { setStatus("reconnecting"); restart(); }
      else if (s === "disconnected") {
        setStatus("reconnecting");
        setTimeout(function () { if (pc && pc.connectionState === "disconnected") restart(); }, 4000);
      }
    };
    window.convenePeer = pc; // for the browser tests' getStats
    return pc;
  }

  // restart: side 0 offers anew, side 1 asks for an offer.
  function restart() {
    if (side === 0) offer(); else send("hello", { again: true });
  }

  function offer() {
    gen++;
    var p = newPeer(), mine = gen;
    setStatus("connecting");
    p.createOffer().then(function (o) { return p.setLocalDescription(o); })
      .then(function () { if (mine === gen) send("offer", { gen: mine, sdp: p.localDescription.toJSON() }); });
  }

  function addCandidates() {
    pending.splice(0).forEach(function (c) { pc.addIceCandidate(c).catch(function () {}); });
  }

  function onSignal(s) {
    var b = s.body || {};
    switch (s.kind) {
      case "hello":
        setOther("joined");
        if (side === 0) offer();
        else if (!b.reply && !b.again) send("hello", { reply: true }); // in case side 0 came first
        break;
      case "bye":
        setOther("left");
        break;
      case "offer":
        if (side !== 1) return;
        gen = b.gen;
        setOther("joined");
        setStatus("connecting");
        var p = newPeer();
        p.setRemoteDescription(b.sdp).then(function () { return p.createAnswer(); })
          .then(function (a) { return p.setLocalDescription(a); })
          .then(function () { send("answer", { gen: b.gen, sdp: p.localDescription.toJSON() }); addCandidates(); });
        break;
      case "answer":
        if (side !== 0 || b.gen !== gen || !pc) return;
        pc.setRemoteDescription(b.sdp).then(addCandidates);
        break;
      case "candidate":
        if (b.gen !== gen || !pc) return;
        if (pc.remoteDescription) pc.addIceCandidate(b.candidate).catch(function () {});
        else pending.push(b.candidate);
        break;
    }
  }

  function listen() {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    var es = new EventSource("/video/" + room + "/events?tz=" + encodeURIComponent(tz) + "&chat=" + call.dataset.chat);
    es.addEventListener("signal", function (e) { onSignal(JSON.parse(e.data)); });
    es.addEventListener("chat", function (e) { addChat(JSON.parse(e.data)); });
    es.addEventListener("closed", function () { es.close(); setStatus("closed"); if (pc) pc.close(); });
    es.onerror = function () { if (es.readyState !== EventSource.CLOSED) setStatus("reconnecting"); };
    es.onopen = function () { if (!pc || pc.connectionState !== "connected") setStatus("connecting"); };
  }

  // Controls.
  function toggle(btn, on) { btn.textContent = on ? btn.dataset.on : btn.dataset.off; btn.setAttribute("aria-pressed", on); }
  $("mute").addEventListener("click", function () {
    if (!stream) return;
    var t = stream.getAudioTracks();
    t.forEach(function (x) { x.enabled = !x.enabled; });
    toggle(this, t.length > 0 && !t[0].enabled);
  });
  $("camera").addEventListener("click", function () {
    if (!stream) return;
    var t = stream.getVideoTracks();
    t.forEach(function (x) { x.enabled = !x.enabled; });
    toggle(this, t.length > 0 && !t[0].enabled);
  });
  function replaceVideo(track) {
    if (!pc) return;
    pc.getSenders().forEach(function (s) { if (s.track && s.track.kind === "video") s.replaceTrack(track); });
  }
  var shareBtn = $("share");
  function stopShare() {
    if (!screen) return;
    screen.getTracks().forEach(function (t) { t.stop(); });
    screen = null;
    if (stream) { replaceVideo(stream.getVideoTracks()[0] || null); local.srcObject = stream; }
    toggle(shareBtn, false);
  }
  shareBtn.addEventListener("click", function () {
    if (screen) { stopShare(); return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) { mediaError({ name: "NotSupportedError" }); return; }
    navigator.mediaDevices.getDisplayMedia({ video: true }).then(function (s) {
      screen = s;
      var t = s.getVideoTracks()[0];
      t.onended = stopShare;
      replaceVideo(t);
      local.srcObject = s;
      toggle(shareBtn, true);
    }).catch(function () {});
  });
  function pick(kind, id) {
    var c = kind === "videoinput" ? { video: { deviceId: { exact: id } } } : { audio: { deviceId: { exact: id } } };
    navigator.mediaDevices.getUserMedia(c).then(function (s) {
      var t = s.getTracks()[0], old = kind === "videoinput" ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
      if (old) { stream.removeTrack(old); old.stop(); }
      stream.addTrack(t);
      if (pc) pc.getSenders().forEach(function (x) { if (x.track && x.track.kind === t.kind) x.replaceTrack(t); });
      local.srcObject = stream;
    }).catch(mediaError);
  }
  function devices() {
    navigator.mediaDevices.enumerateDevices().then(function (ds) {
      [["videoinput", $("camera-select")], ["audioinput", $("mic-select")]].forEach(function (p) {
        var sel = p[1];
        sel.textContent = "";
        ds.filter(function (d) { return d.kind === p[0]; }).forEach(function (d, i) {
          var o = document.createElement("option");
          o.value = d.deviceId;
          o.textContent = d.label || p[0] + " " + (i + 1);
          sel.append(o);
        });
        sel.onchange = function () { pick(p[0], sel.value); };
      });
    });
  }

  setOther(other.dataset.status);
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.RTCPeerConnection) {
    mediaError();
    if (window.RTCPeerConnection) listen();
    return;
  }
  navigator.mediaDevices.getUserMedia({ audio: true, video: true }).then(function (s) {
    stream = s;
    local.srcObject = s;
    devices();
  }).catch(mediaError).then(function () {
    setStatus("connecting");
    listen();
  });
})();
