import Testing
@testable import Plot

@Suite struct GnuplotSyntaxTests {
    @Test func numbersRoundTrip() {
        let values = [0.1 + 0.2, 1.0 / 3.0, 1e-300, 6.02214076e23, -2.5, .leastNonzeroMagnitude, 0.0]
        for value in values {
            let written = GnuplotSyntax.number(value)
            #expect(Double(written) == value, "\(written) does not read back as \(value)")
        }
        #expect(GnuplotSyntax.number(0.1 + 0.2) == "0.30000000000000004")
    }

    @Test func nonFiniteNumbersAreNaN() {
        #expect(GnuplotSyntax.number(.nan) == "NaN")
        #expect(GnuplotSyntax.number(.infinity) == "NaN")
        #expect(GnuplotSyntax.number(-.infinity) == "NaN")
    }

    @Test func quotingEscapesBackslashQuoteAndNewline() {
        #expect(GnuplotSyntax.quoted(#"a "b" \c"#) == #""a \"b\" \\c""#)
        #expect(GnuplotSyntax.quoted("line1\nline2") == #""line1\nline2""#)
        #expect(GnuplotSyntax.quoted("run `make`") == #""run \`make\`""#)
        // Enhanced-mode characters pass through: `text` escapes them (MathMarkup) before quoting.
        #expect(GnuplotSyntax.quoted("σ_w² ^{x} @&") == "\"σ_w² ^{x} @&\"")
    }

    @Test func literalAndEnhancedText() {
        #expect(GnuplotSyntax.text("σ_w²") == "\"σ_{w}²\" enhanced")
        #expect(GnuplotSyntax.text(.enhanced("σ_w^2")) == "\"σ_w^2\" enhanced")
        let value = 1.5
        let interpolated: Text = "σ_w² = \(value)"
        #expect(interpolated == Text("σ_w² = 1.5"))
    }

    @Test func colorsAreHex() {
        #expect(GnuplotSyntax.color(Color(hex: 0x1F77B4)) == "rgb \"#1f77b4\"")
        #expect(Color(red: 1, green: 0.5, blue: 0) == Color(hex: 0xFF8000))
    }
}
