"""The newsroom's journalists and contributors, credited in bylines."""
