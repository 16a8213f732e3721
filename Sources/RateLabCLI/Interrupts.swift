import Dispatch
import Foundation
import RateLab

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT (Ctrl-C) and SIGTERM into a `StopRequest`: the first signal lets the cells in progress
/// finish (they reach the cache) and the command write what it has; a second one exits at once with 130.
enum Interrupts {
    /// The sources must outlive the call that installs them.
    private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers and returns the request they raise; `command` names the command in messages,
    /// `then` says what it does once stopped.
    static func install(command: String,
                        then: String = "finishing the cells in progress, then writing a partial report") -> StopRequest {
        let stop = StopRequest()
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if stop.request() {
                    printError("\n\(command): interrupted; \(then) (interrupt again to quit now)")
                } else {
                    exit(GateResult.interruptedStatus)
                }
            }
            source.resume()
            sources.append(source)
        }
        return stop
    }
}
