package parley.app;

/** Entry point: parses the configuration and starts every part of Parley. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        System.out.println("Parley starting");
    }
}
