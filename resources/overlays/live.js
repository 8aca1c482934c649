// Shared by every overlay page: connect to the server that served the page, take each
// full snapshot it sends, reconnect forever with capped backoff (OBS keeps a browser
// source open for hours). Drawing uses textContent only: buyer text is never HTML.
const livehelperClock = { offset: 0, now() { return Date.now() + this.offset; } };
function livehelperConnect(render) {
  let delay = 500;
  function open() {
    const ws = new WebSocket(`ws://${location.host}/ws`);
    ws.onopen = () => { delay = 500; document.body.dataset.connected = "yes"; };
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type !== "snapshot") return;
      livehelperClock.offset = message.now_ms - Date.now();
      render(message);
    };
    ws.onclose = () => {
      document.body.dataset.connected = "no";
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }
  open();
}
function text(el, value) { el.textContent = value == null ? "" : String(value); }
