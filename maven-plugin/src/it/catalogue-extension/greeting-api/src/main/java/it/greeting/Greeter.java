package it.greeting;

/** A device contract of its own, defined outside the framework. */
public interface Greeter {

    String greet(String name);
}
