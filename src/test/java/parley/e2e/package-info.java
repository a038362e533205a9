/** Test support for end-to-end tests: real browsers, fake media, network namespaces, aiortc and the server under test. */
package parley.e2e;
