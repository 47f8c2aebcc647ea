package dev.unikernel.maven;

import java.util.Collection;
import java.util.Map;

/**
 * Picks a parameter given either flat ({@code <vmMemory>}) or nested as jib nests it
 * ({@code <vm><memory>}): both mean the same, so two different values are a mistake to report.
 */
final class FlatOrNested {

    private FlatOrNested() {
    }

    /**
     * The nested value when set, else the flat one, else {@code fallback}.
     *
     * @param flat   how the user writes the flat form, e.g. {@code <vmMemory> (-Dunikernel.vm.memory)}
     * @param nested how the user writes the nested form, e.g. {@code <vm><memory>}
     */
    static <T> T pick(String flat, T flatValue, String nested, T nestedValue, T fallback) {
        boolean flatSet = isSet(flatValue);
        boolean nestedSet = isSet(nestedValue);
        if (flatSet && nestedSet && !flatValue.equals(nestedValue)) {
            throw new IllegalArgumentException(flat + " is " + flatValue + " but " + nested + " is " + nestedValue
                    + ": they set the same thing, keep one of them");
        }
        return nestedSet ? nestedValue : flatSet ? flatValue : fallback;
    }

    private static boolean isSet(Object value) {
        return switch (value) {
            case null -> false;
            case String text -> !text.isBlank();
            case Collection<?> collection -> !collection.isEmpty();
            case Map<?, ?> map -> !map.isEmpty();
            default -> true;
        };
    }
}
