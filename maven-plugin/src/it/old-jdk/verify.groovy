def log = new File(basedir, 'build.log').text
// Maven's own prerequisite check, before any class of the plugin is loaded.
assert log.contains('Required Java version 25 is not met by current version: 17') : log
assert !log.contains('UnsupportedClassVersionError') : log
return true
