/**
 * Boot support shared by the target runtimes: key declarations as values, typed key parsing, and the
 * run loop that connects devices, constructs the application and turns its end into an exit code.
 * Generated {@code Main} classes and runtimes use this package; applications do not need it.
 */
package dev.unikernel.api.boot;
