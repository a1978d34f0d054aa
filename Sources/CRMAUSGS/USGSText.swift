/// Small text rules the USGS files need: spaces as published (no-break spaces, padding).
enum USGSText {
  /// `text` with no-break spaces as spaces, runs of white space collapsed and the ends trimmed.
  static func clean(_ text: String) -> String {
    var out = ""
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if scalar == " " || scalar == "\u{A0}" || scalar == "\t" || scalar == "\r" || scalar == "\n" {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace { out.append(" ") }
      pendingSpace = false
      out.unicodeScalars.append(scalar)
    }
    return out
  }

  /// The first four-digit year 1900–2100 in `text` after `prefix` characters are dropped.
  static func years(in text: String) -> [Int] {
    var years: [Int] = []
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      var end = index
      while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
      if end - index == 4, let year = Int(String(String.UnicodeScalarView(scalars[index..<end]))),
        (1900...2100).contains(year)
      {
        years.append(year)
      }
      index = end == index ? index + 1 : end
    }
    return years
  }
}
