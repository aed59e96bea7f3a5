/// A Python exception raised while validating (a bad link, say), reported as `exception_during_*validation`.
struct ValidationException: Error {
    var message: String
    var exceptionType: String
}
