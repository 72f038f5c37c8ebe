"""Reading a data folder: the model, the safe YAML and file readers, layout, validation
and the Indonesian messages for staff."""
