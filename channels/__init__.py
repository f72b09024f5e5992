"""Input channels of the bot: REST, the website's socket.io widget and Slack.

Each channel module offers ``credentials_block()``; ``python -m channels.credentials OUT`` writes
the Rasa credentials file from them and the environment, so that a channel whose secrets are not
set is simply not enabled.
"""
