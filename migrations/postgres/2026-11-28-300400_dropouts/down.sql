DROP TABLE cover_offers;
DROP TABLE shift_dropouts;
