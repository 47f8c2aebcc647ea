package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.engine.ApplicationModel.ArgumentsParameter;
import dev.unikernel.engine.ApplicationModel.DeviceParameter;
import dev.unikernel.engine.ApplicationModel.KeyParameter;
import dev.unikernel.engine.ApplicationModel.Parameter;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one parameter of an application's constructor or of a provider's factory: a key when it
 * carries {@code @Key}, otherwise a device. Annotations are read by name, so any api version works.
 */
final class ParameterReader {

    static final String KEY = "dev.unikernel.api.Key";
    static final String DEVICE = "dev.unikernel.api.Device";
    static final String DEFERRED = "dev.unikernel.api.Deferred";
    private static final String NO_DEFAULT = "\u0000no default";

    private static final Map<String, KeyType> KEY_TYPES = Map.ofEntries(
            Map.entry("java.lang.String", KeyType.STRING),
            Map.entry("int", KeyType.INT),
            Map.entry("java.lang.Integer", KeyType.INT),
            Map.entry("long", KeyType.LONG),
            Map.entry("java.lang.Long", KeyType.LONG),
            Map.entry("boolean", KeyType.BOOLEAN),
            Map.entry("java.lang.Boolean", KeyType.BOOLEAN),
            Map.entry("java.nio.file.Path", KeyType.PATH),
            Map.entry("dev.unikernel.api.ByteSize", KeyType.SIZE),
            Map.entry("dev.unikernel.api.Secret", KeyType.SECRET));

    private ParameterReader() {
    }

    /** {@code owner} names the constructor or factory in messages. */
    static Parameter read(String owner, java.lang.reflect.Parameter parameter, int index) throws ApplicationException {
        // Without -parameters the compiler keeps no names: say "#2" rather than a made-up "arg1".
        String parameterName = parameter.isNamePresent() ? "'" + parameter.getName() + "'" : "#" + (index + 1);
        Annotation key = annotation(parameter, KEY);
        if (key == null && parameter.getType() == String[].class) {
            return new ArgumentsParameter(parameterName);
        }
        if (key == null) {
            Annotation device = annotation(parameter, DEVICE);
            String deviceName = device != null ? (String) value(device, "value")
                    : parameter.isNamePresent() ? kebab(parameter.getName()) : null;
            boolean deferred = parameter.getType().getName().equals(DEFERRED);
            Class<?> contract = deferred ? typeArgumentClass(parameter) : parameter.getType();
            Annotation contractName = ParameterReader.annotation(contract, DEVICE);
            String defaultName = contractName != null ? (String) value(contractName, "value")
                    : kebab(contract.getSimpleName());
            return new DeviceParameter(parameterName, typeName(contract), deviceName, deferred, defaultName);
        }
        String keyName = (String) value(key, "name");
        boolean optional = parameter.getType() == java.util.Optional.class;
        String typeName = optional ? typeArgument(parameter) : parameter.getType().getName();
        KeyType keyType = KEY_TYPES.get(typeName);
        if (keyType == null) {
            throw new ApplicationException("key '" + keyName + "' of " + owner + " has type " + typeName
                    + "; a key is a String, int, long, boolean, Path, ByteSize or Secret, or an Optional of one");
        }
        String defaultValue = (String) value(key, "defaultValue");
        try {
            KeySpec spec = new KeySpec(keyName.replace(ProviderKeys.DEVICE_PLACEHOLDER, "device"), keyType, NO_DEFAULT.equals(defaultValue) ? null : defaultValue,
                    optional, (String) value(key, "doc"));
            String javaType = optional ? "Optional<" + simpleName(typeName) + ">" : simpleName(typeName);
            return new KeyParameter(parameterName, spec, javaType, keyName);
        } catch (IllegalArgumentException e) {
            throw new ApplicationException("bad @Key on parameter " + parameterName + " of " + owner + ": "
                    + e.getMessage());
        }
    }

    /** The name generated code writes for a type: nested classes with a dot. */
    static String typeName(Class<?> type) {
        String canonical = type.getCanonicalName();
        return canonical != null ? canonical : type.getName();
    }

    private static String typeArgument(java.lang.reflect.Parameter parameter) {
        return typeName(typeArgumentClass(parameter));
    }

    private static Class<?> typeArgumentClass(java.lang.reflect.Parameter parameter) {
        Type generic = parameter.getParameterizedType();
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return parameter.getType();
    }

    static Annotation annotation(java.lang.reflect.AnnotatedElement element, String typeName) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(typeName)) {
                return annotation;
            }
        }
        return null;
    }

    static Object value(Annotation annotation, String element) {
        try {
            return annotation.annotationType().getMethod(element).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("annotation " + annotation.annotationType().getName() + " has no " + element, e);
        }
    }

    /** {@code dataDisk} becomes {@code data-disk}: device and key names are kebab case. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String simpleName(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }
}
