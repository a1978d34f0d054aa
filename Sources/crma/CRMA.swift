import ArgumentParser

/// The `crma` command: a thin layer that parses flags, calls the library stages and maps their
/// errors to sysexits codes.
@main
struct CRMA: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crma",
    abstract: "Sourced figures on Ukraine's lithium, titanium and rare earths under the EU CRMA.",
    discussion: """
      Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input (or not a regular file), \
      73 cannot create output, 74 cannot write output, 75 locked, 78 bad configuration, \
      130/143 interrupted by SIGINT/SIGTERM.
      """,
    version: CRMAVersion.string,
    subcommands: [
      Inspect.self, Validate.self, Ingest.self, Transform.self, Report.self, Run.self, Status.self,
      Trade.self,
      USGS.self, Cite.self, Explain.self, Map.self,
    ])
}

enum CRMAVersion {
  static let string = "0.1.0"
}
