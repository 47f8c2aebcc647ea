// Runs once the templates are written (maven-archetype-plugin 3.x runs META-INF/archetype-post-generate.groovy,
// in batch and interactive mode alike, and in the archetype's integration tests). It checks the one property
// the templates branch on, `starter`, and removes what the chosen starter does not use: a fileSet cannot be
// conditional, so site/ is always written.
def starters = [
    hello: 'a greeting program, the default',
    web  : 'a static web site server of the files in site/',
]
def project = new File(request.outputDirectory, request.artifactId)
def starter = request.properties.getProperty('starter')

if (!starters.containsKey(starter)) {
    // The templates fell back to hello. Take back exactly the files this run wrote (generation fails before
    // writing when any of them exists already), then the directories that left empty below the project's,
    // so that nothing half-made stays behind and the same command with a valid -Dstarter works at once.
    def packageDir = request.getPackage().replace('.', '/')
    def applicationClass = request.properties.getProperty('applicationClass')
    def written = ['pom.xml', 'README.md', '.gitignore', 'site/index.html',
                   "src/main/java/$packageDir/${applicationClass}.java",
                   "src/test/java/$packageDir/${applicationClass}Test.java"]
    written.each { new File(project, it.toString()).delete() }
    def dirs = ['site', "src/main/java/$packageDir", "src/test/java/$packageDir"].collect { new File(project, it.toString()) }
    dirs.each { dir ->
        for (def d = dir; d != project && d.isDirectory() && d.list().length == 0; d = d.parentFile) {
            d.delete()
        }
    }
    def choices = starters.collect { name, what -> "-Dstarter=$name ($what)" }.join(' or ')
    throw new IllegalArgumentException("unknown starter '$starter': give $choices; the files written to $project were removed")
}

if (starter != 'web') {
    new File(project, 'site').deleteDir()
}
