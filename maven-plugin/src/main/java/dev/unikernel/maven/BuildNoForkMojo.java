package dev.unikernel.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;

/**
 * The build goal without running the lifecycle up to {@code compile} again, for {@code <executions>}
 * (as maven-source-plugin's {@code jar-no-fork}): bound to {@code package} by default, so
 * {@code mvn package} builds the targets and {@code mvn install} installs their attached outputs.
 */
@Mojo(name = "build-no-fork", defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class BuildNoForkMojo extends AbstractPackageMojo {

    @Inject
    public BuildNoForkMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper) {
        super(repositorySystem, projectHelper);
    }
}
