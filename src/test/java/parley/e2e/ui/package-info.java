/** End-to-end tests of the meeting page as a person uses it: controls found by their accessible names in headless Chromium. */
package parley.e2e.ui;
