"""The reference model written in the frameworks a user would otherwise pick, one file each."""
