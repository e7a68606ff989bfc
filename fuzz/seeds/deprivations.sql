-- Sample values of povstat.deprivations (one column "v").
SELECT v::povstat.deprivations AS v
  FROM (VALUES ('{}'), ('{1}'), ('{32}'), ('{2,4,11}'), ('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32}'), ('{ 3 , 1 }')) t(v)
