package dev.unikernel.maven;

import dev.unikernel.engine.Target;
import dev.unikernel.engine.UnikernelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves a target's runtime artifact, of the plugin's own version, with its dependencies, leaving
 * out any the application already has (its versions win).
 */
final class RuntimeResolver {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final MavenProject project;

    RuntimeResolver(RepositorySystem system, RepositorySystemSession session, MavenProject project) {
        this.system = system;
        this.session = session;
        this.project = project;
    }

    List<Path> resolve(Target target, String version) throws UnikernelException {
        String coordinates = target.runtimeArtifact(version);
        CollectRequest collect = new CollectRequest(new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME),
                project.getRemoteProjectRepositories());
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<ArtifactResult> results;
        try {
            results = system.resolveDependencies(session, request).getArtifactResults();
        } catch (DependencyResolutionException e) {
            // Maven's session carries -o: the resolver then reads the local repository only.
            String fix = session.isOffline()
                    ? "Maven is offline (-o) and the local repository lacks it: build once without -o, or install it"
                    : "install it first: for the built-in targets, ./mvnw install in the framework's checkout";
            throw new UnikernelException("cannot resolve the " + target.name() + " runtime " + coordinates
                    + ": " + e.getMessage() + " (" + fix + ")", e);
        }
        Set<String> present = new HashSet<>();
        for (Artifact artifact : project.getArtifacts()) {
            present.add(artifact.getGroupId() + ":" + artifact.getArtifactId());
        }
        List<Path> jars = new ArrayList<>();
        for (ArtifactResult result : results) {
            org.eclipse.aether.artifact.Artifact artifact = result.getArtifact();
            if (present.add(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
                jars.add(artifact.getFile().toPath());
            }
        }
        return jars;
    }
}
