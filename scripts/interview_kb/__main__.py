"""`python -m interview_kb`: the command line (commands/cli.py), as the `interview-kb` command."""

from interview_kb.commands.cli import cli

if __name__ == "__main__":
    cli()
