package dev.unikernel.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;

/**
 * Configures, compiles the generated {@code Main}, links the target's runtime of the plugin's own
 * version, and packages the program into {@code target/unikernel/<target>/}. Runs the lifecycle up
 * to {@code compile} first, for {@code mvn unikernel:build}; in {@code <executions>}, bind
 * {@code build-no-fork} instead.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class BuildMojo extends AbstractPackageMojo {

    @Inject
    public BuildMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper) {
        super(repositorySystem, projectHelper);
    }
}
