/** The composition root: one immutable {@link parley.app.Config} from flags and environment, the wiring of every part, start and stop. */
package parley.app;
