package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.engine.ApplicationModel.DeviceParameter;
import dev.unikernel.engine.ApplicationModel.KeyParameter;
import dev.unikernel.engine.ApplicationModel.Parameter;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads an {@link ApplicationModel} from compiled classes. The classes are loaded, never
 * initialised, in a loader of their own; annotations are read by name, so the application may use
 * any version of the api jar.
 */
public final class ApplicationInspector {

    static final String APPLICATION = "dev.unikernel.api.Application";
    private static final String KEY = "dev.unikernel.api.Key";
    private static final String DEVICE = "dev.unikernel.api.Device";
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

    private ApplicationInspector() {
    }

    /**
     * Inspects {@code entryClass}, or when it is null the one class in {@code classesDirectory} that
     * implements Application. {@code classpath} holds the classes directory and the dependencies.
     */
    public static ApplicationModel inspect(Path classesDirectory, List<Path> classpath, String entryClass)
            throws UnikernelException {
        try (URLClassLoader loader = new URLClassLoader("unikernel-app", urls(classesDirectory, classpath),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> application = load(loader, APPLICATION,
                    "the application's classpath has no unikernel-api: add the dependency dev.unikernel:unikernel-api");
            String name = entryClass != null && !entryClass.isBlank() ? entryClass.trim()
                    : discover(loader, application, classesDirectory);
            Class<?> type = load(loader, name, "application class " + name + " was not found in "
                    + classesDirectory + ": check <application> (or -Dunikernel.application)");
            return model(type, application);
        } catch (IOException e) {
            throw new ApplicationException("cannot read the application's classes: " + e.getMessage(), e);
        }
    }

    private static ApplicationModel model(Class<?> type, Class<?> application) throws UnikernelException {
        String name = type.getName();
        if (!application.isAssignableFrom(type)) {
            throw new ApplicationException("application class " + name + " does not implement " + APPLICATION
                    + ": name the class that does in <application> (or -Dunikernel.application)");
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new ApplicationException("application class " + name + " must be public and not abstract");
        }
        List<Constructor<?>> constructors = List.of(type.getConstructors());
        if (constructors.size() != 1) {
            throw new ApplicationException("application class " + name + " must have exactly one public constructor,"
                    + " whose parameters are its devices and keys; it has " + constructors.size());
        }
        List<Parameter> parameters = new ArrayList<>();
        java.lang.reflect.Parameter[] declared = constructors.getFirst().getParameters();
        for (int i = 0; i < declared.length; i++) {
            parameters.add(parameter(name, declared[i], i));
        }
        return new ApplicationModel(name, parameters);
    }

    private static Parameter parameter(String className, java.lang.reflect.Parameter parameter, int index)
            throws UnikernelException {
        // Without -parameters the compiler keeps no names: say "#2" rather than a made-up "arg1".
        String parameterName = parameter.isNamePresent() ? "'" + parameter.getName() + "'" : "#" + (index + 1);
        Annotation key = annotation(parameter, KEY);
        if (key == null) {
            Annotation device = annotation(parameter, DEVICE);
            String deviceName = device != null ? (String) value(device, "value")
                    : parameter.isNamePresent() ? kebab(parameter.getName()) : null;
            return new DeviceParameter(parameterName, parameter.getType().getName(), deviceName);
        }
        String keyName = (String) value(key, "name");
        boolean optional = parameter.getType() == java.util.Optional.class;
        String typeName = optional ? optionalArgument(parameter) : parameter.getType().getName();
        KeyType keyType = KEY_TYPES.get(typeName);
        if (keyType == null) {
            throw new ApplicationException("key '" + keyName + "' of " + className + " has type " + typeName
                    + "; a key is a String, int, long, boolean, Path, ByteSize or Secret, or an Optional of one");
        }
        String defaultValue = (String) value(key, "defaultValue");
        try {
            KeySpec spec = new KeySpec(keyName, keyType, NO_DEFAULT.equals(defaultValue) ? null : defaultValue,
                    optional, (String) value(key, "doc"));
            String javaType = optional ? "Optional<" + simpleName(typeName) + ">" : simpleName(typeName);
            return new KeyParameter(parameterName, spec, javaType);
        } catch (IllegalArgumentException e) {
            throw new ApplicationException("bad @Key on parameter " + parameterName + " of " + className + ": "
                    + e.getMessage());
        }
    }

    private static String optionalArgument(java.lang.reflect.Parameter parameter) {
        Type generic = parameter.getParameterizedType();
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c.getName();
        }
        return "java.util.Optional";
    }

    private static String discover(ClassLoader loader, Class<?> application, Path classesDirectory)
            throws UnikernelException, IOException {
        if (!Files.isDirectory(classesDirectory)) {
            throw new ApplicationException("no compiled classes in " + classesDirectory + ": run the compile phase first");
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classesDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String relative = classesDirectory.relativize(file).toString();
                String className = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (className.endsWith("module-info") || className.endsWith("package-info")) {
                    continue;
                }
                try {
                    Class<?> candidate = Class.forName(className, false, loader);
                    if (application.isAssignableFrom(candidate) && !candidate.isInterface()
                            && !Modifier.isAbstract(candidate.getModifiers())) {
                        found.add(className);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class that cannot be loaded cannot be the entry point; its own build reports it.
                }
            }
        }
        if (found.isEmpty()) {
            throw new ApplicationException("no class implementing " + APPLICATION + " in " + classesDirectory
                    + ": write one, or name it with <application>");
        }
        if (found.size() > 1) {
            throw new ApplicationException("several classes implement " + APPLICATION + " (" + String.join(", ", found)
                    + "): choose one with <application> or -Dunikernel.application");
        }
        return found.getFirst();
    }

    private static Annotation annotation(java.lang.reflect.Parameter parameter, String typeName) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().getName().equals(typeName)) {
                return annotation;
            }
        }
        return null;
    }

    private static Object value(Annotation annotation, String element) {
        try {
            return annotation.annotationType().getMethod(element).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("annotation " + annotation.annotationType().getName() + " has no " + element, e);
        }
    }

    private static Class<?> load(ClassLoader loader, String name, String missing) throws ApplicationException {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new ApplicationException(missing);
        } catch (LinkageError e) {
            throw new ApplicationException("cannot load " + name + ": " + e, e);
        }
    }

    /** {@code dataDisk} becomes {@code data-disk}: device and key names are kebab case. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String simpleName(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }

    private static URL[] urls(Path classesDirectory, List<Path> classpath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(classesDirectory.toUri().toURL());
        for (Path entry : classpath) {
            if (!entry.equals(classesDirectory)) {
                urls.add(entry.toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
