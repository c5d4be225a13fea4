"""The standard data packages a site starts from: descriptors, shared schemas, reference files."""
