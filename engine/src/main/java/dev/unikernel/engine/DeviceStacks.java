package dev.unikernel.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The device stacks the configuration chooses, as mirage's config.ml composes them: entries
 * {@code device=stack} for every target or {@code target:device=stack} for one, from the plugin's
 * {@code <devices>} and from {@code -Dunikernel.devices} (entries separated by commas outside
 * parentheses), the latter winning.
 */
public record DeviceStacks(List<Entry> entries) {

    /**
     * One entry; {@code target} is null for every target; {@code text} is how it was written;
     * {@code fromProperty} when it came from {@code -Dunikernel.devices}.
     */
    public record Entry(String target, String device, DeviceTerm stack, String text, boolean fromProperty) {
    }

    public DeviceStacks {
        entries = List.copyOf(entries);
    }

    public static DeviceStacks none() {
        return new DeviceStacks(List.of());
    }

    /**
     * Parses {@code <device>} elements, then the entries of the {@code -Dunikernel.devices} property
     * (null when not set); {@code targetNames} are the known targets, for checking prefixes.
     */
    public static DeviceStacks parse(List<String> elements, String property, List<String> targetNames)
            throws UnikernelException {
        List<Entry> entries = new ArrayList<>();
        for (String element : elements) {
            entries.add(entry(element, "<device>" + element + "</device>", targetNames, false));
        }
        if (property != null) {
            for (String part : splitOutsideParentheses(property)) {
                if (!part.isBlank()) {
                    entries.add(entry(part, "-Dunikernel.devices entry '" + part.trim() + "'", targetNames, true));
                }
            }
        }
        return new DeviceStacks(entries);
    }

    /**
     * The stack chosen for {@code device} on {@code target}: from the property's entries if one
     * names the device, else from the pom's; within either, the last entry for the target, else the
     * last for all.
     */
    public DeviceTerm stackOf(String device, String target) {
        DeviceTerm fromProperty = stackOf(device, target, true);
        return fromProperty != null ? fromProperty : stackOf(device, target, false);
    }

    private DeviceTerm stackOf(String device, String target, boolean fromProperty) {
        DeviceTerm forAll = null;
        DeviceTerm forTarget = null;
        for (Entry entry : entries) {
            if (entry.device().equals(device) && entry.fromProperty() == fromProperty) {
                if (entry.target() == null) {
                    forAll = entry.stack();
                } else if (entry.target().equals(target)) {
                    forTarget = entry.stack();
                }
            }
        }
        return forTarget != null ? forTarget : forAll;
    }

    private static Entry entry(String text, String context, List<String> targetNames, boolean fromProperty)
            throws UnikernelException {
        String trimmed = text.trim();
        int equals = trimmed.indexOf('=');
        if (equals <= 0) {
            throw new UnikernelException(context + " must read device=stack or target:device=stack,"
                    + " e.g. volume=fat(luks(disk))");
        }
        String left = trimmed.substring(0, equals).trim();
        String target = null;
        int colon = left.indexOf(':');
        if (colon >= 0) {
            target = left.substring(0, colon).trim();
            if (!targetNames.contains(target)) {
                throw new UnknownTargetException(target, targetNames);
            }
            left = left.substring(colon + 1).trim();
        }
        return new Entry(target, left, DeviceTerm.parse(trimmed.substring(equals + 1), context), text, fromProperty);
    }

    private static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
