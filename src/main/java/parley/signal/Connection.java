package parley.signal;
/** One WebSocket connection as signal sees it. parley.web calls these sequentially per connection. */
public interface Connection { void onText(String text); void onClose(); }
