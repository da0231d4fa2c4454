"""Running the portal as a service: health, security headers, logs, public images, backups."""
