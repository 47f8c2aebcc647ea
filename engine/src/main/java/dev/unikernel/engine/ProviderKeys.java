package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.engine.ApplicationModel.KeyParameter;

/** A provider's key as one device reads it: {@code {device}} replaced, the provider's default for the target applied. */
final class ProviderKeys {

    static final String DEVICE_PLACEHOLDER = "{device}";

    private ProviderKeys() {
    }

    static KeySpec forDevice(KeyParameter key, String device, ProviderSpec provider, String target)
            throws ApplicationException {
        KeySpec declared = key.spec();
        String name = key.nameTemplate().replace(DEVICE_PLACEHOLDER, device);
        String defaultValue = declared.defaultValue() == null ? null : declared.defaultValue().replace(DEVICE_PLACEHOLDER, device);
        String doc = declared.doc().replace(DEVICE_PLACEHOLDER, device);
        boolean optional = declared.optional();
        for (String entry : provider.keyDefaults()) {
            int colon = entry.indexOf(':');
            int equals = entry.indexOf('=');
            if (colon <= 0 || equals < colon) {
                throw new ApplicationException("provider " + provider.name() + " (" + provider.factoryClass()
                        + ") has keyDefaults entry '" + entry + "', which does not read target:key=value");
            }
            if (entry.substring(0, colon).equals(target)
                    && entry.substring(colon + 1, equals).replace(DEVICE_PLACEHOLDER, device).equals(name)) {
                defaultValue = entry.substring(equals + 1).replace(DEVICE_PLACEHOLDER, device);
                optional = false;
            }
        }
        try {
            return new KeySpec(name, declared.type(), defaultValue, optional && defaultValue == null, doc);
        } catch (IllegalArgumentException e) {
            throw new ApplicationException("provider " + provider.name() + " (" + provider.factoryClass() + "), key "
                    + name + ": " + e.getMessage());
        }
    }
}
