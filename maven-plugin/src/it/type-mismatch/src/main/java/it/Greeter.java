package it;

/** The application's own device contract. */
public interface Greeter {

    String greet(String name);
}
