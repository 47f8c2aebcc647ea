// The web starter's project was tested, then built for every target in one invocation
// (-Dtarget=@archetype.it.targets@): check each target's outputs, then run the unix program as a user
// would, on 127.0.0.1 and a free port with --site pointing at the generated site/, fetch the home page
// and compare it byte for byte with site/index.html, and stop it as Ctrl-C does. Every wait is bounded;
// a program that is still running when something fails is killed.
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit

def wanted = '@archetype.it.targets@'.split(',')*.trim()
// basedir is the IT's folder; the archetype generated the project below it.
def project = new File(basedir, 'project/first-site')
def out = new File(project, 'target/unikernel')
def built = out.listFiles().findAll { it.isDirectory() }*.name
println "targets wanted: $wanted, built: $built"
assert built.sort() == wanted.toList().sort()

def report = new File(project, 'target/surefire-reports/TEST-it.archetype.site.SiteServerTest.xml')
assert report.text.contains('tests="3"') && report.text.contains('failures="0"') && report.text.contains('errors="0"')
def source = new File(project, 'src/main/java/it/archetype/site/SiteServer.java').text
assert source.contains('public final class SiteServer implements Application')
assert source.contains('public SiteServer(KeyValueStore site, Network network,')
assert !source.contains('#if') && !source.contains('Clock') : 'hello template text in the web starter'
def pom = new File(project, 'pom.xml').text
assert pom.contains('<application>it.archetype.site.SiteServer</application>')
assert pom.contains('<artifactId>unikernel-kv</artifactId>')
assert pom.contains('<site>${project.basedir}/site</site>')
def index = new File(project, 'site/index.html')
assert index.text.contains('<title>first-site</title>') && index.text.contains('it.archetype.site.SiteServer')
assert new File(project, 'README.md').text.contains('--site=site')

// vm and oci: the pom's <files> baked site/ into the program at /files/site (the build log says so).
def log = new File(project, 'build.log').text
if (wanted.contains('vm')) {
    ['first-site.kernel', 'first-site.initrd', 'run-qemu', 'firecracker.json'].each {
        assert new File(out, "vm/$it").isFile() : "vm output $it missing"
    }
    assert log.contains('Baking [/files/site] into the initramfs')
}
if (wanted.contains('oci')) {
    assert new File(out, 'oci/first-site.tar').length() > 1_000_000 : 'no oci image archive'
    assert new File(out, 'oci/first-site.digest').text.startsWith('sha256:')
    assert new File(out, 'oci/run-first-site.sh').isFile()
    assert log.contains('Baking [/files/site] into a layer')
}

// unix: run the launcher on a free port of the loopback address.
def bin = new File(out, 'unix/bin/first-site')
assert bin.canExecute() : "no launcher $bin"
int port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
def process = new ProcessBuilder(bin.path, "--site=${new File(project, 'site').path}", "--port=$port",
        '--listen-address=127.0.0.1').redirectErrorStream(true).start()
def output = new StringBuffer()
def reader = Thread.start { process.inputStream.eachLine { output.append(it).append('\n') } }
try {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
    while (!output.toString().contains("serving http://127.0.0.1:$port/ (files in the site: 1)")) {
        assert process.alive : "the server exited ${process.exitValue()} before it was ready:\n$output"
        assert System.nanoTime() < deadline : "the server printed no ready line in 60 s:\n$output"
        Thread.sleep(100)
    }
    def client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
    def send = { String method, String path, String... headers ->
        def request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:$port$path")).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
        if (headers) {
            request.headers(headers)
        }
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray())
    }

    def home = send('GET', '/')
    assert home.statusCode() == 200
    assert home.body() == index.bytes : "GET / is not site/index.html byte for byte:\n${new String(home.body(), 'UTF-8')}"
    assert home.headers().firstValue('Content-Type').orElse(null) == 'text/html; charset=utf-8'
    def etag = home.headers().firstValue('ETag').orElseThrow()
    assert send('GET', '/index.html').body() == index.bytes

    def head = send('HEAD', '/')
    assert head.statusCode() == 200 && head.body().length == 0
    assert head.headers().firstValue('Content-Length').orElse(null) == "${index.length()}".toString()

    def notModified = send('GET', '/', 'If-None-Match', etag)
    assert notModified.statusCode() == 304 && notModified.body().length == 0
    assert send('GET', '/', 'If-None-Match', '"something-else"').statusCode() == 200
    assert send('GET', '/missing.html').statusCode() == 404
    assert send('GET', '/%2e%2e/pom.xml').statusCode() == 404 // the store refuses ".."
    client.close()

    // SIGTERM, what Ctrl-C does: the application's stop(), then a clean exit.
    process.destroy()
    assert process.waitFor(30, TimeUnit.SECONDS) : "the server did not stop within 30 s of SIGTERM:\n$output"
    reader.join(5_000)
    assert process.exitValue() == 0 : "the server exited ${process.exitValue()}:\n$output"
    println "unix: served site/index.html on 127.0.0.1:$port, then stopped:\n$output"
} finally {
    if (process.alive) {
        process.destroyForcibly()
        process.waitFor(10, TimeUnit.SECONDS)
    }
}
return true
