import os
import sys

from iku_macros.workflow.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # `check ... | head` closes the pipe early: that is the reader's choice, not an error.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    code = 0
sys.exit(code)
