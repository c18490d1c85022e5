#!/usr/bin/env python3
"""Prints "<passed> <failed>" summed over the JUnit XML reports in the given directories."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
for directory in sys.argv[1:]:
    for path in glob.glob(os.path.join(directory, "TEST-*.xml")):
        suite = ET.parse(path).getroot()
        tests = int(suite.get("tests", 0))
        bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped = int(suite.get("skipped", 0))
        passed += tests - bad - skipped
        failed += bad
print(passed, failed)
