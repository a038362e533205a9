package parley.app;

import java.util.Locale;

/**
 * One setting as the operator sees it: the flag {@code --name}, its environment variable
 * {@code PARLEY_NAME}, its default and one line of help.
 *
 * @param name         the flag without "--", lower case with hyphens
 * @param argument     how the help names the value ("port", "file"); null for an on/off switch
 * @param defaultValue the value used when neither flag nor variable is set; null for none
 * @param shownDefault the default as the help shows it
 * @param repeatable   whether the flag may be given several times (values are also split at commas)
 * @param help         what the setting does, one or two sentences
 */
record Flag(String name, String argument, String defaultValue, String shownDefault, boolean repeatable, String help) {
    Flag {
        if (!name.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("flag name '" + name + "'");
        if (shownDefault == null) throw new IllegalArgumentException("no shown default for --" + name);
    }

    /** A flag with a value and a default ({@code null}: none). */
    static Flag value(String name, String argument, String defaultValue, String help) {
        return new Flag(name, argument, defaultValue, defaultValue == null ? "none" : defaultValue, false, help);
    }

    /** An on/off switch, off by default: {@code --name}, {@code --name=true|false}, {@code PARLEY_NAME=true|false}. */
    static Flag toggle(String name, String help) {
        return new Flag(name, null, "false", "false", false, help);
    }

    /** A repeatable flag whose default is computed at start and described by {@code shownDefault}. */
    static Flag list(String name, String argument, String shownDefault, String help) {
        return new Flag(name, argument, null, shownDefault, true, help);
    }

    boolean isToggle() {
        return argument == null;
    }

    String flag() {
        return "--" + name;
    }

    /** PARLEY_ and the name in upper case with underscores: --http-port is PARLEY_HTTP_PORT. */
    String env() {
        return "PARLEY_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** "--http-port <port>" or "--plain-http". */
    String usage() {
        return isToggle() ? flag() : flag() + " <" + argument + ">";
    }
}
