/** The selective forwarding unit: producers, consumers and the router that joins them; packets are forwarded without decoding. */
package parley.sfu;
