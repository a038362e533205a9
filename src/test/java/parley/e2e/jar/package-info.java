/** The release jar as an operator runs it: its own process, its output and what it leaves on disk. */
package parley.e2e.jar;
