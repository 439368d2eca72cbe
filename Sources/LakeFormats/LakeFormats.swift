// LakeFormats module.
