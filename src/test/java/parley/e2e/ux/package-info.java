/** End-to-end tests of what issue 3 asks of the web client: accessible, keyboard-operable, announced, phone-sized, same-origin and self-reconnecting. */
package parley.e2e.ux;
