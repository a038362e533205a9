/** Protocol tests of the whole server in this JVM over real WebSocket connections, without a browser. */
package parley.protocol;
