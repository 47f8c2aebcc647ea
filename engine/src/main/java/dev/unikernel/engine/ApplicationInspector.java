package dev.unikernel.engine;

import dev.unikernel.engine.ApplicationModel.Parameter;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads an {@link ApplicationModel} from compiled classes. The classes are loaded, never
 * initialised, in a loader of their own; annotations are read by name, so the application may use
 * any version of the api jar.
 */
public final class ApplicationInspector {

    static final String APPLICATION = "dev.unikernel.api.Application";
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
            parameters.add(ParameterReader.read(name, declared[i], i));
        }
        return new ApplicationModel(name, parameters);
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

    private static Class<?> load(ClassLoader loader, String name, String missing) throws ApplicationException {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new ApplicationException(missing);
        } catch (LinkageError e) {
            throw new ApplicationException("cannot load " + name + ": " + e, e);
        }
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
