-- An exhibition area's Chinese name (issue 12): areas were named
-- "Guangdong area / 广东展区" in one field, so a page in either language
-- showed both. Empty: the area has only its English name.
-- Keep in step with ../sqlite/0023_area_name_zh.sql.
ALTER TABLE areas ADD COLUMN name_zh TEXT NOT NULL DEFAULT '';
