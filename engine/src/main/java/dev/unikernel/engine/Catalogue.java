package dev.unikernel.engine;

import java.util.List;
import java.util.stream.Collectors;

/** Every provider found on a class path: the device catalogue configure composes stacks from. */
public record Catalogue(List<ProviderSpec> providers) {

    public Catalogue {
        providers = List.copyOf(providers);
    }

    /** The providers of {@code type} that work on {@code target}. */
    public List<ProviderSpec> candidates(String type, String target) {
        return providers.stream().filter(p -> p.provides(type) && p.worksOn(target)).toList();
    }

    /** The providers called {@code name}, on any target. */
    public List<ProviderSpec> named(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).toList();
    }

    /** The providers of {@code type} on any target, for messages: {@code fat (FileSystem, every target)}. */
    public String describeProvidersOf(String type) {
        List<ProviderSpec> fitting = providers.stream().filter(p -> p.provides(type)).toList();
        return fitting.isEmpty() ? "none" : fitting.stream().map(ProviderSpec::describe).collect(Collectors.joining(", "));
    }
}
